-- interaction of wrap, running and status
local saved
local w = coroutine.wrap(function()
  saved = coroutine.running()
  print("inside:", coroutine.status(saved))
  coroutine.yield()
  print("inside again")
end)
w()
print("outside:", coroutine.status(saved))
-- resuming the thread of a wrap directly works too
print(coroutine.resume(saved))
print(coroutine.status(saved))
print(pcall(w))
-- a coroutine checking whether it runs inside another coroutine
local depth_probe = coroutine.wrap(function()
  local me = coroutine.running()
  local inner = coroutine.wrap(function()
    return coroutine.status(me), coroutine.running() ~= me
  end)
  return inner()
end)
print(depth_probe())
-- type and tostring prefix of a thread
local co = coroutine.create(function() end)
print(type(co), tostring(co):match("^thread: ") ~= nil)
