-- lots of short-lived garbage must not disturb live data
collectgarbage("setpause", 100)
local live = {}
for round = 1, 50 do
  local tmp = {}
  for i = 1, 200 do tmp[i] = {round, i, tostring(i) .. ":" .. round} end
  local f = function() return round end
  live[round] = {f = f, last = tmp[200][3]}
  if round % 10 == 0 then collectgarbage("step", 50) end
end
local ok = true
for round = 1, 50 do
  if live[round].f() ~= round or live[round].last ~= "200:" .. round then ok = false end
end
print(ok)
-- string interning survives collections
local a = "interned" .. "-string"
collectgarbage()
local b = "interned-" .. "string"
print(a == b, rawequal(a, b))
-- collecting inside a coroutine and inside a metamethod
local co = coroutine.wrap(function()
  local x = {"coroutine data"}
  collectgarbage()
  coroutine.yield(x[1])
  collectgarbage()
  return x[1] .. " again"
end)
print(co(), co())
local mt = {__index = function(t, k) collectgarbage(); return k .. "!" end}
local obj = setmetatable({}, mt)
print(obj.key, obj[1])
collectgarbage("setpause", 200)
print(collectgarbage("count") > 0)
