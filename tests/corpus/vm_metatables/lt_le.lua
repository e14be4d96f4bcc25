-- __lt and __le, including the 5.1 fallback from __le to not __lt(b, a)
local log = {}
local M = {}
M.__lt = function(a, b) log[#log + 1] = "lt(" .. a.v .. "," .. b.v .. ")"; return a.v < b.v end
M.__le = function(a, b) log[#log + 1] = "le(" .. a.v .. "," .. b.v .. ")"; return a.v <= b.v end
local function n(v) return setmetatable({v = v}, M) end
local one, two = n(1), n(2)
print(one < two, one > two, one <= two, one >= two, two <= two)
print(table.concat(log, " "))
-- without __le: a <= b is computed as not (b < a)
log = {}
local L = {__lt = function(a, b) log[#log + 1] = "lt(" .. a.v .. "," .. b.v .. ")"; return a.v < b.v end}
local function m(v) return setmetatable({v = v}, L) end
local x, y = m(1), m(2)
print(x <= y, y <= x, x >= y, x <= m(1))
print(table.concat(log, " "))
-- results converted to boolean
local W = {__lt = function() return "str" end, __le = function() return nil end}
local w1, w2 = setmetatable({}, W), setmetatable({}, W)
print(w1 < w2, w1 <= w2, w1 > w2, w1 >= w2)
-- comparison between table and number never uses metamethods
print(pcall(function() return one < 1 end))
print(pcall(function() return 1 <= one end))
-- different metamethods: error
local other = setmetatable({v = 3}, {__lt = function() return true end})
print(pcall(function() return one < other end))
-- same function in different metatables is fine
local M2 = {__lt = M.__lt, __le = M.__le}
local three = setmetatable({v = 3}, M2)
print(one < three, three <= one)
-- sorting objects with __lt
local items = {n(5), n(3), n(9), n(1), n(7)}
table.sort(items)
local out = {}
for i, it in ipairs(items) do out[i] = it.v end
print(table.concat(out, " "))
-- strings with __lt are compared natively
print("a" < "b")
