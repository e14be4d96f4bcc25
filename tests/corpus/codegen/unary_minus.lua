-- unary minus, not and # on constants, locals, globals, fields and calls
local x = 5
gy = 7
local t = {v = 3, s = "abc"}
local function f() return 2 end
print(-x, -gy, -t.v, -f(), -(x + 1), -x ^ 2, (-x) ^ 2)
print(-5, -5.5, -0x10, -1e3, - -5, -(-x), - - -x)
print(not x, not gy, not t.missing, not f(), not (x == 5))
print(#t.s, #"lit", #{1, 2}, -#t.s, #t.s * -1)
local neg = -x
local nn = not not x
print(neg, nn)
local s = "10"
print(-s, - -s)
print(-t.v - -t.v, x - -x, x + -x)
