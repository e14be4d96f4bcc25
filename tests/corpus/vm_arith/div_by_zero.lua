-- division by zero follows IEEE 754: no error in Lua 5.1
local zero, one = 0, 1
print(one / zero, -one / zero, one / -zero)
print(1/0, -1/0, 1/0 > 10^308, -1/0 < -10^308)
print(1/0 == math.huge, -1/0 == -math.huge, math.huge - 1 == math.huge)
print(math.huge + math.huge, -math.huge - math.huge, math.huge * -2)
print(1 / math.huge, -1 / math.huge, 5 / (1/0))
local inf = 1/0
print(inf, -inf, tostring(inf), tostring(-inf), inf .. "", (-inf) .. "!")
print(math.floor(inf), math.ceil(-inf), math.abs(-inf), math.max(1, inf), math.min(1, -inf))
print(string.format("%.1f %.3f %g", inf, -inf, inf))
print(inf > 0, -inf < 0, inf == inf, -inf == -inf, inf ~= -inf)
