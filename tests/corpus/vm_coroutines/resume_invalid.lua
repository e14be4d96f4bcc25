-- resuming dead, running and normal coroutines
local co = coroutine.create(function() return 1 end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.resume(co))
local self_resume
self_resume = coroutine.create(function()
  return coroutine.resume(self_resume)
end)
print(coroutine.resume(self_resume))
local outer
local inner = coroutine.create(function()
  return coroutine.resume(outer)
end)
outer = coroutine.create(function()
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
-- wrap of a dead coroutine raises the error instead of returning it
local w = coroutine.wrap(function() return "once" end)
print(w())
print(pcall(w))
-- resume of non-coroutine values
print(pcall(coroutine.resume, function() end))
print(pcall(coroutine.resume))
print(pcall(coroutine.wrap, 1))
print(pcall(coroutine.create, "not a function"))
print(pcall(coroutine.create, print) == true)
