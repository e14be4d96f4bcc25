-- errors raised inside __index / __newindex functions
local strict = setmetatable({}, {
  __index = function(t, k) error("undefined variable '" .. tostring(k) .. "'", 2) end,
  __newindex = function(t, k, v) error("cannot assign '" .. tostring(k) .. "'", 2) end,
})
print(pcall(function() return strict.foo end))
print(pcall(function() strict.bar = 1 end))
local level1 = setmetatable({}, {__index = function(t, k) error("level1 " .. k) end})
print(pcall(function() return level1.key end))
local chained = setmetatable({}, {__index = level1})
print(pcall(function() return chained.other end))
-- __index that is not a table or function: indexing it again fails
local weird = setmetatable({}, {__index = 5})
print(pcall(function() return weird.x end))
local weird2 = setmetatable({}, {__newindex = true})
print(pcall(function() weird2.x = 1 end))
-- arithmetic inside __index
local arith = setmetatable({}, {__index = function(t, k) return k + 1 end})
print(arith[41], pcall(function() return arith.name end))
-- errors in __tostring, __concat, __eq and __lt
local m = setmetatable({}, {
  __tostring = function() error("tostring failed", 0) end,
  __concat = function() error("concat failed", 0) end,
  __lt = function() error("lt failed", 0) end,
})
print(pcall(tostring, m))
print(pcall(print, m))
print(pcall(function() return m .. "x" end))
print(pcall(function() return m < m end))
