-- closures created inside a coroutine keep working after it yields or dies
local getters = {}
local co = coroutine.create(function()
  local counter = 0
  getters.get = function() return counter end
  getters.inc = function() counter = counter + 1 end
  for i = 1, 3 do
    counter = counter + 10
    coroutine.yield(counter)
  end
  counter = -1
end)
print(coroutine.resume(co))
getters.inc()
print(getters.get())
print(coroutine.resume(co))
print(getters.get())
coroutine.resume(co)
coroutine.resume(co)
print(coroutine.status(co), getters.get())
getters.inc()
print(getters.get())
-- a main-chunk local shared with a coroutine
local shared = 0
local worker = coroutine.wrap(function()
  while true do
    shared = shared + 1
    coroutine.yield()
  end
end)
for i = 1, 5 do worker() end
print(shared)
shared = 100
worker()
print(shared)
-- loop-local upvalues captured in each iteration inside a coroutine
local fns = {}
local co2 = coroutine.wrap(function()
  for i = 1, 3 do
    local v = i * i
    fns[i] = function() return v end
    coroutine.yield()
  end
end)
co2() co2() co2()
print(fns[1](), fns[2](), fns[3]())
