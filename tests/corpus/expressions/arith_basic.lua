-- basic arithmetic on locals, globals and constants
local a, b = 17, 5
print(a + b, a - b, a * b, a / b, a % b, a ^ 2)
print(-a, -b, - -a, -(a - b))
x, y = 2.5, -1.25
print(x + y, x - y, x * y, x / y, x % 1, y % 1)
print(7 % -3, -7 % 3, -7 % -3, 7.5 % 2, -7.5 % 2)
print(2 ^ 0.5 > 1.41, 2 ^ -1, (-2) ^ 2, -2 ^ 2)
print(1e300 * 1e10 == math.huge, -1e300 * 1e10 == -math.huge)
local z = 0
print(a / z == math.huge, -a / z == -math.huge)
local nan = z / z
print(nan ~= nan, nan == nan)
