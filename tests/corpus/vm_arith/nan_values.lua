-- NaN: never equal to itself; printed by glibc's %.14g ("nan" or "-nan")
local zero = 0
local nan = zero / zero
print(nan ~= nan, nan == nan, nan < nan, nan <= nan, nan > 0, nan < 0)
print(not (nan >= 1), not (nan <= 1))
print(0/0, -(0/0), nan, -nan)
print(math.huge - math.huge, math.huge * 0, math.sqrt(-1), math.huge / math.huge)
print(tostring(nan) == tostring(nan), type(nan))
local inf = math.huge
print(inf % 2, 5 % inf, 5 % zero, -5 % zero)
-- nan as a table key is an error, but reading with it returns nil
local t = {}
print(t[nan], rawget(t, nan))
print(pcall(function() t[nan] = 1 end))
print(pcall(rawset, t, nan, 1))
-- max/min with nan depend on argument order in 5.1 (plain comparisons)
print(math.max(nan, 1) ~= math.max(nan, 1), math.max(1, 2, 3))
local n2 = tonumber("nan")
print(n2 ~= n2, tonumber("nan") ~= nil)
