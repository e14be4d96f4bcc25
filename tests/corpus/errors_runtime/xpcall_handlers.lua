-- xpcall with message handlers
local function handler(e) return "handled: " .. tostring(e) end
print(xpcall(function() error("oops") end, handler))
print(xpcall(function() return "fine", 2 end, handler))
print(xpcall(function() local x = nil; return x.y end, handler))
print(xpcall(function() error({1, 2, 3}) end, function(e) return #e end))
local depth = 0
local function deep(n) if n == 0 then error("bottom") end return deep(n - 1) + 1 end
print(xpcall(function() return deep(10) end, function(e) return "caught " .. e end))
print(xpcall(function() error("x") end, function(e) error("handler fails") end))
local tb = select(2, xpcall(function() error("with trace") end, debug.traceback))
print((tb:gsub("\n.*", "")))
