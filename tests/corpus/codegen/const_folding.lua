-- constant folding: what PUC 5.1 folds and what it leaves alone
local a = 1 + 2
local b = 2 ^ 10
local c = -(-3)
local d = 1 / 0
local e = 0 / 0
local f = 7 % 0
local g = 10 - 2 * 3
local h = (1 + 2) * (3 + 4) / 7
local i = 2 ^ 0.5
local j = -2 ^ 2
local k = 5 % 3 + 5 % -3 + -5 % 3
local l = 1e308 * 10
local m = -(1 / 0)
local n = 6 / 4
print(a, b, c, d, e ~= e, f ~= f, g, h, i, j, k, l, m, n)
local x = 4
print(x % 0 ~= x % 0, x / 0, -x / 0, 0 / x)
print(1 + x + 2, x + 1 + 2, x + (1 + 2), 2 * x * 3, (2 * 3) * x)
print(not nil, not false, not true, not 1, not 0, not "s", not not nil)
print(-0, 0, -(0), - -0)
print(3 - 3, -(3 - 3), 0 * -1)
print(2 ^ 53 + 1 - 2 ^ 53, 10 / 3 * 3 == 10)
local s = "a" .. "b" .. "c"
print(s, 1 .. 2, - "3", #"four")
local big = 123456789 * 987654321
print(big, 0xFF + 0xF, 1e2 / 1e1)
local neg1, neg2, neg3 = -1, - 1, -(1)
print(neg1, neg2, neg3, -1 - -1, 5 - -5)
print((2 + 3) % 4 ^ 2, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2)
