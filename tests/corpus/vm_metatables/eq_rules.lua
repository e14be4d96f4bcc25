-- __eq is used only for two tables (or two userdata) with the same metamethod
local count = 0
local function eq(a, b) count = count + 1; return a.id == b.id end
local mt = {__eq = eq}
local a = setmetatable({id = 1}, mt)
local b = setmetatable({id = 1}, mt)
local c = setmetatable({id = 2}, mt)
print(a == b, a ~= b, a == c, a ~= c, count)
-- identical objects are equal without calling __eq
count = 0
print(a == a, count)
-- different metatables sharing the same function: still used
local mt2 = {__eq = eq}
local d = setmetatable({id = 1}, mt2)
print(a == d, count)
-- different functions: not used, falls back to identity
local e = setmetatable({id = 1}, {__eq = function() return true end})
print(a == e, e == a)
-- one side without a metatable
local plain = {id = 1}
print(a == plain, plain == a)
-- never used for different types
print(a == 1, 1 == a, a == "x", a == nil)
-- the result is converted to a boolean
local truthy = setmetatable({}, {__eq = function() return "yes" end})
local truthy2 = setmetatable({}, getmetatable(truthy))
print(truthy == truthy2, truthy ~= truthy2)
local falsy = setmetatable({}, {__eq = function() return nil end})
local falsy2 = setmetatable({}, getmetatable(falsy))
print(falsy == falsy2, falsy ~= falsy2)
-- rawequal ignores __eq
print(rawequal(a, b), rawequal(a, a))
-- table keys use raw identity, not __eq
local t = {}
t[a] = "a"
print(t[b], t[a])
