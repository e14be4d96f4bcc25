-- nil values, removing keys, next() on modified tables
local t = {a = 1, b = 2, c = 3}
t.b = nil
local n = 0
for k in pairs(t) do n = n + 1 end
print(n, t.b)
local arr = {}
for i = 1, 10 do arr[i] = i end
for i = 1, 10 do if i % 2 == 0 then arr[i] = nil end end
local c = 0
for k, v in pairs(arr) do c = c + v end
print(c)
local clear = {x = 1, y = 2, z = 3}
for k in pairs(clear) do clear[k] = nil end
print(next(clear))
print(pcall(function() local q = {}; q[nil] = 1 end))
print(pcall(rawset, {}, 0/0, 1))
local u = {}
u[1.0] = "float key"
print(u[1])
u[2^53] = "big"
print(u[2^53])
print(rawget({10}, 1), rawlen)
