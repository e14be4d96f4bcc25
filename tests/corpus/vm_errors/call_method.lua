-- calling a missing method names the method
local obj = {name = "o"}
print(pcall(function() obj:missing() end))
print(pcall(function() obj:missing(1, 2) end))
print(pcall(function() obj.inner = {}; obj.inner:go() end))
obj.val = 10
print(pcall(function() obj:val() end))
print(pcall(function() return ("abc"):nomethod() end))
print(pcall(function() local s = "abc"; return s:upper():nope() end))
local Class = {}
Class.__index = Class
function Class.new() return setmetatable({}, Class) end
function Class:present() return "present" end
local inst = Class.new()
print(pcall(function() return inst:present() end))
print(pcall(function() return inst:absent() end))
print(pcall(function() local n = 5; return n:method() end))
