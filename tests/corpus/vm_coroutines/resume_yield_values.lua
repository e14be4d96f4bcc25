-- values flow both ways through resume and yield
local co = coroutine.create(function(a, b)
  print("started with", a, b)
  local c, d = coroutine.yield(a + b, a * b)
  print("resumed with", c, d)
  local e = coroutine.yield()
  print("resumed again with", e)
  local n = select("#", coroutine.yield(nil, nil))
  print("count of resume values", n)
  return "done", a, e
end)
print(coroutine.resume(co, 3, 4))
print(coroutine.resume(co, "x", "y"))
print(coroutine.resume(co, "only one", "extra ignored"))
print(coroutine.resume(co, nil, nil, nil))
print(coroutine.resume(co))
print(coroutine.status(co))
-- yield with many values and resume with none
local many = coroutine.create(function(...) coroutine.yield(...) return select("#", ...) end)
print(coroutine.resume(many, 1, nil, 3, nil))
print(coroutine.resume(many))
-- first resume arguments become the function parameters; extras are dropped
local co2 = coroutine.create(function(x) return x end)
print(coroutine.resume(co2, "a", "b", "c"))
-- a function returning nothing
print(coroutine.resume(coroutine.create(function() end)))
print(select("#", coroutine.resume(coroutine.create(function() end))))
