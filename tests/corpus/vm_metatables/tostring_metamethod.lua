-- __tostring is used by tostring() and print()
local P = {__tostring = function(p) return "Point(" .. p.x .. ", " .. p.y .. ")" end}
local p = setmetatable({x = 1, y = 2}, P)
print(p)
print(tostring(p), type(tostring(p)))
print("p = " .. tostring(p))
-- print calls tostring through the global
local saved = tostring
tostring = function(v) return "[" .. saved(v) .. "]" end
print(p, 1, "s", nil)
tostring = saved
print(p)
-- __tostring returning a non-string
local N = setmetatable({}, {__tostring = function() return 42 end})
print(tostring(N), type(tostring(N)))
local B = setmetatable({}, {__tostring = function() return true end})
print(pcall(tostring, B))
print(pcall(print, B))
-- no __tostring in a __index chain: it must be in the metatable itself
local base = {__tostring = function() return "base" end}
base.__index = base
local derived = setmetatable({}, base)
local inst = setmetatable({}, {__index = derived})
print(tostring(derived), tostring(inst):sub(1, 6))
-- __name is not used in 5.1
local named = setmetatable({}, {__name = "MyType"})
print(tostring(named):match("^table: ") ~= nil)
-- string.format %s does not use __tostring in 5.1
print(pcall(string.format, "%s", p))
-- table.concat does not use __tostring
print(pcall(table.concat, {p}))
