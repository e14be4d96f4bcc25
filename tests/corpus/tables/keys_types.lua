-- keys of every type
local f = function() end
local tk = {}
local t = {}
t[1] = "int"; t[1.5] = "float"; t["1"] = "string"; t[true] = "bool"
t[f] = "func"; t[tk] = "table"; t[-0] = "negzero"
print(t[1], t[1.5], t["1"], t[true], t[f], t[tk], t[0])
print(t[false], t[2], t[{}])
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
t[1] = nil
t["1"] = nil
n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
