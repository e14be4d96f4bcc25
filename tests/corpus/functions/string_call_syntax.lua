-- f"x", f[[x]], f{...}, o:m"x", o:m{...}
local function id(x) return x end
local function len(t) return #t end
print(id"hello", id'single', id[[long
string]], id[==[level2]==])
print(len{1, 2, 3}, len{}, len"abcd")
local o = {}
function o:echo(x) return type(x) == "table" and "table:" .. #x or "str:" .. x end
print(o:echo"s", o:echo{1, 2}, o:echo[[l]])
print(type{}, tostring"t", #{n = 1})
local r = id{ "a", "b" }[2]
print(r)
print(string.format"plain", string.rep("ab", 3))
local s = id"chain":upper()
print(s)
