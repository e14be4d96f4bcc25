-- ordering values of different or unorderable types
print(pcall(function() return 1 < nil end))
print(pcall(function() local a; return a < 1 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return {} <= {} end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return 1 < "a" end))
print(pcall(function() return true < false end))
print(pcall(function() return nil < nil end))
print(pcall(function() return print < print end))
print(pcall(function() local t = {}; return t > 1 end))
print(pcall(function() local t = {}; return 1 >= t end))
print(pcall(function() return "x" >= true end))
print(pcall(function() local x = {}; return x < setmetatable({}, {}) end))
-- equality never raises
print(pcall(function() return {} == 1, nil == false, "1" == 1, print == print end))
-- sort with incomparable values
print(pcall(table.sort, {3, "a", 1}))
print(pcall(table.sort, {{}, {}}))
