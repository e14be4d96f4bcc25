-- unary operators in many positions
local a = 5
local s = "hello"
local t = {1, 2, 3}
print(-a, - a, -(-a), -(- -a), not a, not not a, #s, #t)
print(- #s, -#t, not #t, #s + -a)
print(-3 ^ 2, (-3) ^ 2, - 3 ^ - 2)
print(-"2", - "2" + 1)
local b = -a
local c = not a
local d = #s
print(b, c, d)
local x = 0
print(-x, 0 == -0, 1 / -x < 0)
print(-(2 + 3) * -(4 - 1))
local f = false
if not f then print("not false") end
if not (a > 10) then print("a <= 10") end
while not f do f = true print("once") end
