-- __newindex with a table target and with a function
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.a = 1
proxy[2] = "two"
print(rawget(proxy, "a"), store.a, store[2], proxy.a)
-- existing keys bypass __newindex
local t = setmetatable({exists = 1}, {__newindex = function(t, k, v) print("newindex", k, v) end})
t.exists = 2
t.fresh = 3
print(t.exists, t.fresh)
-- rawset inside __newindex actually stores the value
local log = {}
local rec = setmetatable({}, {__newindex = function(t, k, v)
  log[#log + 1] = tostring(k) .. "=" .. tostring(v)
  rawset(t, k, v)
end})
rec.x = 1
rec.y = 2
rec.x = 3
rec.z = nil
print(table.concat(log, " "), rec.x, rec.y)
-- assigning nil to an existing field then assigning again triggers __newindex again
rec.y = nil
rec.y = 5
print(table.concat(log, " "))
-- __newindex chain: target table with its own __newindex
local final = {}
local middle = setmetatable({}, {__newindex = final})
local front = setmetatable({}, {__newindex = middle})
front.k = "v"
print(rawget(front, "k"), rawget(middle, "k"), final.k)
-- read-only table
local ro = setmetatable({}, {__index = {a = 1}, __newindex = function(t, k) error("read-only: " .. k, 2) end})
print(ro.a, pcall(function() ro.b = 2 end))
