-- all numbers are doubles: integer precision ends at 2^53
local big = 2^53
print(big, big + 1, big + 2, big + 1 == big, big - 1)
print(string.format("%.0f", big + 1), string.format("%.0f", big + 2))
local x = 1
for i = 1, 70 do x = x * 2 end
print(x, x / 2^70, x + 1 == x)
print(2^31 - 1, 2^31, -2^31, 2^32 + 1, 4294967295 + 1)
print(math.floor(2^40 + 0.5), math.floor(-2^40 - 0.5), math.ceil(2^52 + 0.5))
print(string.format("%d", 2^31), string.format("%d", -2^31), string.format("%d", 2^40))
print(9007199254740993, 18446744073709551616, 0x7fffffff, 0xffffffff, 0x1234567890)
print(1e15 + 1, 1e15 * 10 + 1, 123456789 * 987654321)
print(math.mod and "mod" or "no mod", math.floor(1e100) == 1e100)
local n = 0
for i = 1, 100000 do n = n + i end
print(n, n == 100000 * 100001 / 2)
