-- operator precedence and associativity
local a, b, c, d = 2, 3, 4, 5
print(a + b * c, (a + b) * c, a * b + c * d)
print(a ^ b ^ 2, (a ^ b) ^ 2, -a ^ 2, (-a) ^ 2)
print(a .. b .. c, a + b .. c + d)
print(not a == b, not (a == b), not nil == true)
print(a < b and b < c, a < b or c, nil or false, false or nil)
print(1 + 2 < 4 and "yes" or "no", 1 .. 2 == "12")
print(a - b - c, a - (b - c), a / b / c, a / (b / c))
print(#"abc" + 1, -#"abcd", #"ab" .. "x")
print(2 ^ -2, -2 ^ -2, 2 ^ - -2)
print(1 < 2 == true, "a" < "b" == not false)
print(a * -b, a ^ -b * c, not not a)
print(((((a)))) + ((b)))
