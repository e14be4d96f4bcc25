-- __metatable hides and protects the real metatable
local real = {__metatable = "locked", __index = {secret = 7}}
local t = setmetatable({}, real)
print(getmetatable(t), t.secret)
print(pcall(setmetatable, t, {}))
print(pcall(setmetatable, t, nil))
print(pcall(function() return setmetatable(t, {}) end))
-- the field can be any value, even false
local f = setmetatable({}, {__metatable = false})
print(getmetatable(f), pcall(setmetatable, f, {}))
local tab_mt = {}
local g = setmetatable({}, {__metatable = tab_mt})
print(getmetatable(g) == tab_mt)
-- strings have a shared protected-less metatable whose __index is string
local smt = getmetatable("")
print(type(smt), smt.__index == string, getmetatable("abc") == smt)
-- setmetatable returns its first argument
local x = {}
print(setmetatable(x, nil) == x, getmetatable(x))
-- removing a metatable when it is not protected
local y = setmetatable({}, {__index = {k = 1}})
print(y.k)
setmetatable(y, nil)
print(y.k, getmetatable(y))
-- getmetatable on non-tables
print(getmetatable(1), getmetatable(nil), getmetatable(print), getmetatable(true))
print(pcall(getmetatable))
