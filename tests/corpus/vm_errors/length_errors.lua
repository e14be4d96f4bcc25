-- # on numbers, booleans, nil and functions
print(pcall(function() local x = 5; return #x end))
print(pcall(function() local x; return #x end))
print(pcall(function() return #undefined_global end))
print(pcall(function() local t = {}; return #t.field end))
local b = true
print(pcall(function() return #b end))
print(pcall(function() return #print end))
print(pcall(function() return #(1 + 1) end))
print(pcall(function() local t = {n = 3}; return #t, #"str", #{1, 2} end))
