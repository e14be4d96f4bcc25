-- exponentiation always produces a float (printed with %.14g)
local function p(a, b) return a ^ b end
print(p(2, 10), p(2, 0.5), p(2, -1), p(2, -2), p(10, 15), p(10, 16))
print(p(0, 0), p(5, 0), p(1, 1e9), p(-1, 2), p(-1, 3), p(-2, 3))
print(p(0, -1), p(-0.0 * 1, -1), p(0, 1), p(4, 0.5), p(27, 1/3))
print(p(2, 1023) < math.huge, p(2, 1024), p(-2, 1025), p(2, -1075))
print(p(math.huge, 0), p(math.huge, -1), p(-math.huge, 2), p(-math.huge, 3), p(0.5, math.huge), p(2, -math.huge))
-- right associative and higher than unary minus
print(2 ^ 3 ^ 2, (2 ^ 3) ^ 2, -2 ^ 2, (-2) ^ 2, 2 ^ -1)
local x = 3
print(x ^ 2, -x ^ 2, x ^ x ^ 0)
print(math.pow(2, 8), math.sqrt(16), math.sqrt(2), 16 ^ 0.25, 8 ^ (1/3))
