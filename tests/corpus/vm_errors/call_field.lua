-- calling through a field names the field
local t = {sub = {}}
print(pcall(function() t.nothing() end))
print(pcall(function() t.sub.deeper() end))
print(pcall(function() t["nothing"]() end))
print(pcall(function() local k = "dyn"; t[k]() end))
print(pcall(function() t[1]() end))
print(pcall(function() t.sub[true]() end))
lib = {}
print(pcall(function() lib.fn() end))
print(pcall(function() string.nonexistent("x") end))
print(pcall(function() math.floor.x() end))
t.num = 5
print(pcall(function() t.num() end))
print(pcall(function() return t.num(1) end))
