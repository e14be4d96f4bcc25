-- invalid keys when writing tables
local t = {}
print(pcall(function() t[nil] = 1 end))
print(pcall(function() local k; t[k] = 1 end))
print(pcall(function() t[0/0] = 1 end))
print(pcall(function() return {[nil] = 1} end))
print(pcall(function() local z = 0; return {[z / z] = 1} end))
print(pcall(rawset, t, nil, 1))
-- reading with such keys is fine
print(t[nil], rawget(t, nil), t[0/0])
-- next with a key that is not in the table
print(pcall(next, t, "absent"))
print(pcall(next, {}, 1))
print(next({}), next({10}), next({}, nil))
-- rawset/rawget type checks
print(pcall(rawset, 1, 2, 3))
print(pcall(rawget, "s", 1))
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(pcall(setmetatable, {}))
