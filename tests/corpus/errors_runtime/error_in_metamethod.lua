-- errors raised inside metamethods and library callbacks
local mt = {__add = function(a, b) error("no adding!") end,
            __index = function(t, k) error("no key " .. k, 2) end}
local obj = setmetatable({}, mt)
print(pcall(function() return obj + 1 end))
print(pcall(function() return obj.foo end))
print(pcall(table.sort, {3, 1, 2}, function(a, b) error("cmp failed", 0) end))
print(pcall(string.gsub, "abc", "%w", function(c) if c == "b" then error("at b", 0) end end))
print(pcall(tostring, setmetatable({}, {__tostring = function() error("ts", 0) end})))
print(pcall(function() for i in function() error("iter", 0) end do end end))
