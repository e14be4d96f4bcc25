-- __tostring and __metatable
local P = {}
P.__tostring = function(p) return "Point(" .. p.x .. ", " .. p.y .. ")" end
local p = setmetatable({x = 1, y = 2}, P)
print(tostring(p))
print(p)
local locked = setmetatable({}, {__metatable = "locked!"})
print(getmetatable(locked))
print(pcall(setmetatable, locked, {}))
print(getmetatable("abc").__index == string)
print(getmetatable({}), getmetatable(1))
local named = setmetatable({}, {__tostring = function() return 99 end})
print(pcall(tostring, named))
