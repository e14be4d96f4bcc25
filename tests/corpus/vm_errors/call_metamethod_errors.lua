-- calling through __call, and __call values that are not callable
local callable = setmetatable({}, {__call = function(self, a, b) return "called", a, b end})
print(callable(1, 2))
print(pcall(callable, "x"))
local bad = setmetatable({}, {__call = 42})
print(pcall(function() bad() end))
local nested = setmetatable({}, {__call = callable})
print(pcall(function() return nested("n") end))
local errs = setmetatable({}, {__call = function(self, msg) error(msg) end})
print(pcall(errs, "raised in __call"))
print(pcall(function() errs("via function") end))
local obj = {callme = setmetatable({}, {__call = function(self, o, v) return v * 2 end})}
print(obj:callme(21))
local plain = setmetatable({}, {})
print(pcall(function() plain() end))
print(pcall(function() local p = plain; p() end))
-- __call is looked up in the metatable, not the object
local fake = {__call = function() return "no" end}
print(pcall(function() return fake() end))
