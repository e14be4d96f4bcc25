-- multiple assignment: more/fewer values than targets, swaps, evaluation order
local a, b, c = 1, 2
print(a, b, c)
a, b = 10, 20, 30
print(a, b)
a, b = b, a
print(a, b)
local t = {1, 2, 3, 4}
local i, j = 1, 4
t[i], t[j] = t[j], t[i]
print(t[1], t[2], t[3], t[4])
i, t[i] = i + 1, "changed"
print(i, t[1], t[2])
local function two() return "x", "y" end
local p, q, r = two()
print(p, q, r)
p, q, r = 0, two()
print(p, q, r)
p, q, r = two(), 0
print(p, q, r)
x, y, z = two()
print(x, y, z)
local u = {}
u.a, u.b, u["c"] = 1, 2
print(u.a, u.b, u.c)
a, b, c = nil
print(a, b, c)
