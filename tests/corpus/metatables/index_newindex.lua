-- __index / __newindex as tables and functions, rawget/rawset
local defaults = {color = "red", size = 10}
local obj = setmetatable({size = 20}, {__index = defaults})
print(obj.color, obj.size, rawget(obj, "color"))
local log = {}
local proxy = setmetatable({}, {
  __index = function(t, k) log[#log + 1] = "get " .. tostring(k); return k .. "!" end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. tostring(k); rawset(t, k, v) end,
})
print(proxy.a, proxy.b)
proxy.a = 1
print(proxy.a)
proxy.a = 2
print(table.concat(log, "; "))
local store = {}
local redirect = setmetatable({}, {__newindex = store})
redirect.x = 5
print(rawget(redirect, "x"), store.x)
local chain3 = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = {deep = "found"}})})})
print(chain3.deep, chain3.missing)
local ro = setmetatable({}, {__index = {k = 1}, __newindex = function() error("read-only table", 2) end})
print(pcall(function() ro.k = 2 end))
print(ro.k)
local s = setmetatable({}, {__index = string})
print(s.format("%d", 5))
