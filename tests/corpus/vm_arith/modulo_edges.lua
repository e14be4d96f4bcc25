-- a % b == a - floor(a/b)*b : the sign follows the divisor
local function m(a, b) return a % b end
for _, p in ipairs({{5, 3}, {-5, 3}, {5, -3}, {-5, -3}, {0, 3}, {3, 5}, {-3, 5}, {6, 3}, {-6, 3}}) do
  print(p[1], p[2], m(p[1], p[2]))
end
print(5.5 % 2, -5.5 % 2, 5.5 % -2, -5.5 % -2)
print(0.3 % 0.1, 1 % 0.25, -1 % 0.25, 7.25 % 1)
print(2^53 % 2, (2^53 + 2) % 3, 1e15 % 7, -1e15 % 7)
print(10 % 3.5, -10 % 3.5, 3.5 % 10, -3.5 % 10)
-- constant operands are folded by the compiler, variables are not
local a, b = 17, 5
print(17 % 5, a % b, 17 % b, a % 5)
print(math.fmod(5, 3), math.fmod(-5, 3), math.fmod(5, -3), math.fmod(-5.5, 2))
-- string operands
print("17" % 5, 17 % "5", "-17" % "5")
