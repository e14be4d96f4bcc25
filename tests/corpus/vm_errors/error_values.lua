-- error() with values of every type; pcall returns them unchanged
local ok, e = pcall(error, {code = 1})
print(ok, type(e), e.code)
print(pcall(error, nil))
print(pcall(error))
print(pcall(error, 42))
print(pcall(error, 42.5, 1))
print(pcall(error, true))
print(pcall(error, false))
local f = function() end
local ok2, e2 = pcall(error, f)
print(ok2, e2 == f)
-- numbers get position info added (they are strings for lua_isstring)
print(pcall(function() error(42) end))
print(pcall(function() error(42, 0) end))
print(pcall(function() error("msg") end))
print(pcall(function() error("msg", 0) end))
print(pcall(function() error({}) end) == false)
local tbl = setmetatable({}, {__tostring = function() return "custom error object" end})
local ok3, e3 = pcall(function() error(tbl) end)
print(ok3, e3 == tbl, tostring(e3))
-- error objects survive nested functions
local function deep(n) if n == 0 then error({depth = "bottom"}) end deep(n - 1) end
local ok4, e4 = pcall(deep, 10)
print(ok4, e4.depth)
-- error with a string containing a newline and an empty string
print(pcall(error, "line1\nline2", 0))
print(pcall(function() error("") end))
print(pcall(function() error("", 0) end))
