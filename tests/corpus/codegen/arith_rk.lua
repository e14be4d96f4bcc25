-- arithmetic with register/constant operands on either side
local x, y = 6, 4
gz = 3
local t = {v = 2}
print(x + 1, 1 + x, x + y, x - 1, 1 - x, x * 2, 2 * x, x / 4, 4 / x)
print(x % 4, 4 % x, x ^ 2, 2 ^ x, -x + 1, x + -1)
print(gz + x, x + gz, t.v * x, x * t.v, t.v ^ t.v, gz - t.v)
print(x + 1.5, 2.5 * y, x / 0.5, x % 2.5)
local r = x
r = r + 1
r = r * r
r = r - x
r = r / 2
r = r % 7
r = r ^ 2
print(r)
local s = x + y * gz - t.v / 2 ^ 2 % 3
print(s)
local a = {1, 2, 3}
a[1] = a[1] + a[2] * a[3]
a[2] = -a[1]
print(a[1], a[2])
