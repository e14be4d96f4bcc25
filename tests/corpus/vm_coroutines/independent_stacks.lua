-- the same function body in several coroutines keeps separate locals
local function counter_body(name, start)
  local n = start
  while true do
    local cmd = coroutine.yield(name .. "=" .. n)
    if cmd == "stop" then return name .. " stopped at " .. n end
    n = n + (cmd or 1)
  end
end
local a = coroutine.create(counter_body)
local b = coroutine.create(counter_body)
print(coroutine.resume(a, "a", 0))
print(coroutine.resume(b, "b", 100))
print(coroutine.resume(a, 5))
print(coroutine.resume(b))
print(coroutine.resume(a))
print(coroutine.resume(b, -50))
print(coroutine.resume(a, "stop"))
print(coroutine.resume(b, "stop"))
-- varargs and many locals preserved across yields
local co = coroutine.create(function(...)
  local x1, x2, x3, x4, x5, x6, x7, x8 = ...
  coroutine.yield(select("#", ...))
  local t = {...}
  coroutine.yield(x1 + x8, #t)
  return x1, x2, x3, x4, x5, x6, x7, x8
end)
print(coroutine.resume(co, 1, 2, 3, 4, 5, 6, 7, 8, 9))
print(coroutine.resume(co))
print(coroutine.resume(co))
