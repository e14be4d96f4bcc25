-- table.concat with separators and ranges
local t = {1, 2, 3, "four", 5.5}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, "-", 2))
print(table.concat(t, "-", 2, 4))
print(table.concat(t, "-", 4, 2) == "")
print(table.concat({}, "x"), table.concat({}, "x", 1, 0))
print(table.concat({"a"}, "sep"))
print(table.concat(t, "", 5, 5), table.concat(t, 0))
print(table.concat({1e15, 1e16, 0.1, -0}, " "))
-- numbers are formatted like tostring
print(table.concat({1/3, 2^53, 100}, "|"))
-- embedded zeros survive
local z = table.concat({"a\0b", "c"}, "\0")
print(#z, z:byte(1, -1))
-- concat over a range containing a hole is an error
print(pcall(table.concat, {1, nil, 3}, ",", 1, 3))
print(pcall(table.concat, {1, 2}, ",", 1, 3))
-- a long concat
local parts = {}
for i = 1, 1000 do parts[i] = i % 10 end
local s = table.concat(parts)
print(#s, s:sub(1, 12), s:sub(-3))
