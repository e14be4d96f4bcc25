-- values stay reachable however the table grows (array part vs hash part)
local t = {}
for i = 100, 1, -1 do t[i] = i end
local ok = true
for i = 1, 100 do if t[i] ~= i then ok = false end end
print(ok, #t)
-- sparse keys first, then fill in the gaps
local s = {}
for i = 2, 64, 2 do s[i] = "even" end
for i = 1, 63, 2 do s[i] = "odd" end
print(#s, s[1], s[2], s[63], s[64])
-- many string keys then many integer keys
local m = {}
for i = 1, 200 do m["k" .. i] = i end
for i = 1, 200 do m[i] = -i end
local sum = 0
for k, v in pairs(m) do sum = sum + v end
print(sum, #m, m.k200, m[200])
-- deleting everything and reusing the table
for i = 1, 200 do m[i] = nil; m["k" .. i] = nil end
print(next(m))
for i = 1, 10 do m[i] = i end
print(#m, m[10])
-- negative and zero integer keys live in the hash part
local z = {}
for i = -5, 5 do z[i] = i * i end
print(z[-5], z[0], z[5], #z)
-- float keys that are integral are normalised to the same slot
local f = {}
f[3] = "int"
f[3.0] = "float"
f[6 / 2] = "computed"
print(f[3], #f == 0 or #f == 3)
