-- precedence and evaluation of mixed arithmetic through variables
local a, b, c, d = 7, 3, 2, 0.5
print(a + b * c, (a + b) * c, a - b - c, a - (b - c), a / b / c, a / (b / c))
print(a % b * c, a % (b * c), a ^ c ^ d, -a % b, -(a % b), a * -b)
print(a + b .. c, a .. b + c, a .. b .. c, (a .. b) + c)
print(a < b == false, not a == b, not (a == b), a > b and b > c, a < b or c < d)
print(1 + 2 * 3 ^ 2 / 4 - 5 % 3, 2 ^ -c, -c ^ -c)
local s = "4"
print(s * s, s ^ 0.5, s .. s * 2, #s .. s)
local acc = 1
for i = 1, 20 do
  acc = (acc * 31 + i) % 1000003
end
print(acc)
local fib = {1, 1}
for i = 3, 80 do fib[i] = fib[i - 1] + fib[i - 2] end
print(fib[30], fib[70], fib[78], fib[80])
local h = 0
for ch in ("hash me please"):gmatch(".") do h = (h * 33 + ch:byte()) % 2^32 end
print(h)
