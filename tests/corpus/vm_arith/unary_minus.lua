-- unary minus on numbers, variables, strings and nested forms
local a = 5
print(-a, - -a, -(-a), - - -a, -a ^ 2, (-a) ^ 2)
print(-"3", -"-3", -" 2.5 ", -"0x10", -"1e3")
local s = "7"
print(-s, type(-s), -s + 1, -s .. "")
print(-math.huge, -(-math.huge), -1e308 * 10)
print(pcall(function() local t = {} return -t end))
print(pcall(function() return -"abc" end))
print(pcall(function() local b = true return -b end))
print(pcall(function() local f = {} return -f.x end))
local mt = {__unm = function(v) return "negated " .. v.name end}
local obj = setmetatable({name = "obj"}, mt)
print(-obj)
