-- string ordering (C locale) and sorting
local words = {"b", "a", "B", "A", "ab", "aB", "a b", "", "1", "10", "9", "~", "_"}
table.sort(words)
for i, w in ipairs(words) do io.write("[", w, "]") end
print()
print("a" < "aa", "aa" < "b", "Z" < "a", "" < " ", "\0" < "\1")
print(("abc"):rep(3) == "abcabcabc", "abc" .. "" == "abc")
print(math.max(1, 2) == 2 and "x" < "y")
