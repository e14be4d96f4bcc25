-- gsub with string/table/function replacements, gmatch loops
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("hello world"):gsub("(%w+)", "<%1>"))
print(("hello world"):gsub("%w+", "%0 %0"))
print(("abc"):gsub("", "-"))
print(("$name is $age"):gsub("%$(%w+)", {name = "Bob", age = 42}))
print(("1 2 3"):gsub("%d", function(d) return d * 10 end))
print(("keep nil"):gsub("%w+", function() return nil end))
print(("keep false"):gsub("%w+", {keep = false}))
print(("a,b,,c"):gsub(",", ";"))
print(("x"):gsub("x", "%%"))
print(pcall(string.gsub, "x", "x", "%2"))
local words = {}
for w in ("alpha beta  gamma\tdelta"):gmatch("%S+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, " ") end
print()
for pos in ("abcabc"):gmatch("()b") do io.write(pos, " ") end
print()
local n = 0
for _ in ("aaaa"):gmatch("a*") do n = n + 1 end
print(n)
print(("CamelCaseString"):gsub("(%u)", " %1"))
print(("  lots   of   space  "):gsub("%s+", " "))
