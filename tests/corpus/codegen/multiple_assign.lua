-- multiple assignment: swaps, conflicts, more/fewer values
local a, b, c = 1, 2, 3
a, b = b, a
print(a, b)
a, b, c = c, a, b
print(a, b, c)
local t = {10, 20, 30}
local i, j = 1, 3
t[i], t[j] = t[j], t[i]
print(t[1], t[2], t[3])
i, t[i] = 2, "x"
print(i, t[1], t[2])
t, t[1] = {}, "into old table"
print(t[1])
local u = {}
u.a, u.b = 1
print(u.a, u.b)
u.a, u.b = 1, 2, 3, 4
print(u.a, u.b)
local function f() return 7, 8, 9 end
a, b, c = f()
print(a, b, c)
a, b, c = f(), 1
print(a, b, c)
a, b, c = 0, f()
print(a, b, c)
a, b = (f())
print(a, b)
ga, gb = 1, 2
ga, gb = gb, ga
print(ga, gb)
local up1, up2 = "u1", "u2"
local function swapup() up1, up2 = up2, up1 end
swapup()
print(up1, up2)
local m = {{1, 2}, {3, 4}}
m[1][2], m[2][1] = m[2][1], m[1][2]
print(m[1][1], m[1][2], m[2][1], m[2][2])
local k = "key"
local h = {}
h[k], k = "v1", "other"
print(h.key, k, h.other)
local x, y, z = nil, nil
x, y, z = 1
print(x, y, z)
