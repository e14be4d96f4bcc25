-- coroutines resuming other coroutines; yields go to the direct resumer
local trace = {}
local function log(s) trace[#trace + 1] = s end
local inner = coroutine.create(function(a)
  log("inner got " .. a)
  local b = coroutine.yield("inner-1")
  log("inner got " .. b)
  return "inner-done"
end)
local outer = coroutine.create(function()
  local ok, v = coroutine.resume(inner, "A")
  log("outer got " .. v)
  local back = coroutine.yield("outer-1")
  log("outer resumed with " .. back)
  ok, v = coroutine.resume(inner, "B")
  log("outer got " .. v)
  return "outer-done"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer, "main-value"))
for i, s in ipairs(trace) do print(i, s) end
-- three levels deep, each level adding to the value
local function level(n, child)
  return coroutine.create(function(v)
    while true do
      if child then
        local _, r = coroutine.resume(child, v + n)
        v = coroutine.yield(r)
      else
        v = coroutine.yield(v * 100 + n)
      end
    end
  end)
end
local c3 = level(3)
local c2 = level(2, c3)
local c1 = level(1, c2)
print(coroutine.resume(c1, 0))
print(coroutine.resume(c1, 10))
print(coroutine.status(c1), coroutine.status(c2), coroutine.status(c3))
