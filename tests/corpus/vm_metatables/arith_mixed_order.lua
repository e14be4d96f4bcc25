-- arithmetic metamethods with the object on either side
local V = {}
V.__index = V
local function vec(x) return setmetatable({x = x}, V) end
local function show(v) if type(v) == "table" then return "vec(" .. tostring(v.x) .. ")" end return tostring(v) end
local function val(v) if type(v) == "table" then return v.x end return v end
V.__add = function(a, b) return vec(val(a) + val(b)) end
V.__sub = function(a, b) return vec(val(a) - val(b)) end
V.__mul = function(a, b) return vec(val(a) * val(b)) end
V.__div = function(a, b) return vec(val(a) / val(b)) end
V.__mod = function(a, b) return vec(val(a) % val(b)) end
V.__pow = function(a, b) return vec(val(a) ^ val(b)) end
V.__unm = function(a) return vec(-a.x) end
local v = vec(7)
print(show(v + 1), show(1 + v), show(v + v), show(v + "2"), show("2" + v))
print(show(v - 2), show(2 - v), show(v * 3), show(3 * v), show(v / 2), show(14 / v))
print(show(v % 4), show(20 % v), show(v ^ 2), show(2 ^ v), show(-v), show(- -v))
-- which operand supplies the metamethod: the first one that has it
local L = setmetatable({}, {__add = function(a, b) return "left" end})
local R = setmetatable({}, {__add = function(a, b) return "right" end})
print(L + R, R + L, L + 1, 1 + R)
-- a string operand that is not numeric goes to the metamethod too
print(pcall(function() return "abc" + v end))
-- __unm receives the operand twice in 5.1 (second argument equals the first)
local U = setmetatable({}, {__unm = function(a, b) return rawequal(a, b) end})
print(-U)
-- missing metamethod on the other operand's table
local plain = setmetatable({}, {})
print(pcall(function() return plain + 1 end))
print(pcall(function() return show(v + plain) end))
