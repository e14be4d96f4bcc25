local function va(...)
  local n = select("#", ...)
  return n
end
local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  return b * 2
end)
print(coroutine.resume(co, 1))
print(va("x", 2, true))
print(coroutine.resume(co, 5))
