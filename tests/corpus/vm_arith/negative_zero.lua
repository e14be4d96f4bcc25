-- -0 exists as a float; it equals 0 and prints as -0 when computed at runtime
local z = 0
local nz = -z
print(nz, z * -1, -z + 0, 0 - z, nz == z, nz < z, nz <= z)
print(1 / nz, 1 / z, 1 / (z * -1))
print(tostring(nz), nz .. "", string.format("%g", nz), string.format("%d", nz))
print(math.abs(nz), math.floor(nz), math.ceil(-0.5), math.ceil(-0.25) == 0)
local t = {}
t[nz] = "neg"
print(t[0], t[z], rawget(t, 0))
t[0] = "pos"
print(t[nz])
local n = 0
for k in pairs(t) do n = n + 1 end
print(n)
-- the compiler folds -0 into the same constant as 0 in this chunk
print(-0, 0, 0 * -1)
print(nz * nz, nz + nz, nz - nz, -nz)
print(string.rep("x", nz), ("abc"):sub(nz))
-- a key first stored as -0 keeps its sign when read back through pairs
local u = {}
u[nz] = 1
for k, v in pairs(u) do print(k, v, 1 / k) end
local w = {}
w[0] = 1
w[nz] = 2
for k, v in pairs(w) do print(k, v, 1 / k) end
