-- pcall and xpcall return every result of the called function
print(pcall(function() return 1, nil, 3, nil end))
print(select("#", pcall(function() return 1, nil, 3, nil end)))
print(pcall(function(...) return ... end, "a", "b"))
print(pcall(select, 2, "a", "b", "c"))
print(pcall(string.find, "hello world", "o w"))
print(pcall(pcall, error, "inner"))
print(xpcall(function() return "x", "y" end, print))
print(select("#", xpcall(function() end, print)))
-- xpcall in 5.1 takes no extra arguments for the function
print(xpcall(function(...) return select("#", ...) end, print, "ignored", "too"))
-- handlers
local function handler(m) return "H(" .. tostring(m) .. ")" end
print(xpcall(function() error("e1") end, handler))
print(xpcall(function() error("e2", 0) end, handler))
print(xpcall(function() error() end, handler))
print(xpcall(function() local x = {} + 1 end, handler))
-- a handler that is not a function
print(xpcall(function() error("e3") end, nil))
print(xpcall(function() error("e4") end, 42))
print(pcall(xpcall))
print(pcall(xpcall, print))
-- pcall of non-functions
print(pcall(nil))
print(pcall(42))
print(pcall({}))
print(pcall(setmetatable({}, {__call = function(_, a) return "called", a end}), 5))
