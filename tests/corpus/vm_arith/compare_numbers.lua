-- numeric comparisons, including floats, infinities and large values
local vals = {-math.huge, -1e300, -2^53, -1, -0.5, 0, 0.5, 1, 2^53, 1e300, math.huge}
local lt, le, eq = 0, 0, 0
for i = 1, #vals do
  for j = 1, #vals do
    if vals[i] < vals[j] then lt = lt + 1 end
    if vals[i] <= vals[j] then le = le + 1 end
    if vals[i] == vals[j] then eq = eq + 1 end
    assert((vals[i] < vals[j]) == (i < j))
    assert((vals[i] > vals[j]) == (i > j))
    assert((vals[i] >= vals[j]) == (i >= j))
  end
end
print(lt, le, eq)
print(2^53 == 2^53 + 1, 2^53 < 2^53 + 2, 0.1 + 0.2 == 0.3, 0.1 + 0.2 > 0.3)
print(1 == 1.0, -0 == 0, 3 < 3, 3 <= 3, 3 > 3, 3 >= 3, 3 ~= 3)
local a, b = 10, 9.999999999999999
print(a > b, a == b, a - b > 0)
-- constants on either side of the comparison
local x = 5
print(x < 10, 10 < x, x <= 5, 5 <= x, x > 4.5, 4.5 > x, x == 5, 5 == x, x ~= 5)
-- equality never coerces strings
print(1 == "1", "1" == 1, 0 == false, nil == false, 0 == "")
print(not (1 < 2), not nil, not 0, not "")
