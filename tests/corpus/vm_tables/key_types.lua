-- keys of every type, and which keys are the same
local t = {}
t[1] = "number one"
t["1"] = "string one"
t[true] = "true"
t[1.0] = "float one overwrites"
t[false] = "false"
local tk, fk = {}, function() end
t[tk] = "table key"
t[fk] = "function key"
print(t[1], t["1"], t[true], t[false], t[tk], t[fk])
print(t[{}], t[2 - 1], t[10 / 10], t[tostring(1)])
-- 0 and -0 are the same key
local z = 0
t[z] = "zero"
print(t[-z], t[0], t[0 * -1])
-- float keys
t[1.5] = "one and a half"
t[0.1 + 0.2] = "not 0.3"
print(t[1.5], t[3 / 2], t[0.3], t[0.1 + 0.2])
-- very large and very small numbers as keys
t[2^53] = "2^53"
t[2^53 + 1] = "same slot as 2^53"
t[1e300] = "huge"
t[-1e-300] = "tiny"
t[math.huge] = "inf"
t[-math.huge] = "-inf"
print(t[2^53], t[1e300], t[-1e-300], t[1/0], t[-1/0])
-- a coroutine as a key
local co = coroutine.create(function() end)
t[co] = "thread key"
print(t[co])
-- count all the distinct keys
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
-- strings with the same content are the same key
local a = "ke" .. "y"
local b = string.format("%s", "key")
t[a] = "shared"
print(t[b], t.key)
