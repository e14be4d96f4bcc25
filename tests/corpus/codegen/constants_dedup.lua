-- constant table sharing: 0 and -0 share a slot, 1 and 1.0 share a slot
print(-0)
print(0, -0)
print(-0, 0)
local z = -0
print(z, 1 / z < 0)
local one, onef = 1, 1.0
print(one, onef, 1 == 1.0)
local s1, s2 = "dup", "dup"
print(s1, s2, rawequal(s1, s2))
local t = {1, 1.0, "1", [1] = "x"}
print(t[1], t[2], t[3])
print(1e0, 10e-1, 0.1e1, 0x1)
local nz = 0 * -1
print(nz)
print(- - 0, -0 .. "", 0 .. "")
