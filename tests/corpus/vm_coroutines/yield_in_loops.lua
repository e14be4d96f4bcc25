-- yields from inside the bodies of numeric, generic, while and repeat loops
local co = coroutine.wrap(function()
  for i = 3, 1, -1 do coroutine.yield("for", i) end
  for k, v in ipairs({"x", "y"}) do coroutine.yield("ipairs", k .. v) end
  local n = 0
  while n < 2 do n = n + 1; coroutine.yield("while", n) end
  repeat local stop = coroutine.yield("repeat", n); n = n + 1 until stop
  return "end", n
end)
for i = 1, 7 do print(co()) end
print(co(false))
print(co(true))
-- a generic for whose iterator is a wrapped coroutine yields freely in its body
local outer = coroutine.create(function()
  local inner = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
  for v in inner do coroutine.yield(v * 10) end
  return "outer done"
end)
for i = 1, 4 do print(coroutine.resume(outer)) end
