-- self assignments and no-op moves
local x, y = 1, 2
x = x
local x = x
x, y = x, y
y, x = x, y
print(x, y)
local t = {v = 1}
t.v = t.v
t[1] = t[1]
print(t.v, t[1])
g = 5
g = g
print(g)
local z
z = z
print(z)
local nanidx = 0 / 0
print(t[nanidx], t[0 / 0])
local function same(a) a = a; return a end
print(same(9))
