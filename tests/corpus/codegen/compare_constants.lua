-- comparisons with constants on either side, in conditions and values
local x, s, n = 5, "m", nil
local function p(...) print(...) end
p(x < 10, 10 < x, x <= 5, 5 <= x, x > 3, 3 > x, x >= 6, 6 >= x)
p(x == 5, 5 == x, x ~= 5, 5 ~= x, x == "5", "5" == x)
p(s < "n", "n" < s, s == "m", "m" == s, s ~= "z", "z" ~= s)
p(n == nil, nil == n, n ~= nil, nil ~= n, n == false, false == n)
p(1 < 2, 2 < 1, 1 == 1, "a" == "a", nil == nil, true == true, true ~= false)
if x < 10 then p("x<10") end
if 10 < x then p("no") else p("10>=x") end
if x == 5 then p("x==5") end
if 5 ~= x then p("no") elseif 5 == x then p("5==x") end
if n == nil then p("n is nil") end
if nil ~= n then p("no") else p("nil==n") end
if s >= "a" and s <= "z" then p("lowercase") end
if not (x > 100) then p("not > 100") end
while x > 0 do x = x - 2 end
p(x)
repeat x = x + 3 until x >= 10
p(x)
local b1 = x == 11
local b2 = 11 == x
local b3 = x ~= 11
local b4 = not (x < 0)
p(b1, b2, b3, b4)
local t = {x < 1, 1 < x, x == 11, "k" == s}
p(t[1], t[2], t[3], t[4])
p((x > 5) == true, (x > 5) ~= (x < 5))
