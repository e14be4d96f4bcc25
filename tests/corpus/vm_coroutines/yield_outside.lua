-- yield from the main thread
print(pcall(coroutine.yield))
print(pcall(coroutine.yield, 1, 2))
print(pcall(function() coroutine.yield("x") end))
-- coroutine.running in the main thread returns nil in 5.1
print(coroutine.running())
print(select("#", coroutine.running()))
-- inside a coroutine it returns the coroutine object
local co
co = coroutine.create(function()
  local r = coroutine.running()
  print(r == co, type(r))
end)
coroutine.resume(co)
-- a wrapped coroutine's running object is a thread too
coroutine.wrap(function() print(type(coroutine.running())) end)()
