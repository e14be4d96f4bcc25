-- Shapes of coroutine bodies the compiled tier runs as Python generators (see
-- generator_bodies.lua): tail-call yields, varargs, nil holes, pcall inside, two such threads
-- resuming each other, loops with yields, tracebacks. (A hook set from inside one: test_cobody.)
-- tail-call yields, varargs bodies, many values and nil holes
local t = coroutine.wrap(function(...)
  local n = select("#", ...)
  local a, b, c = coroutine.yield(n, ...)
  print("got", a, b, c)
  local x = {coroutine.yield(nil, nil, 3)}
  print(#x, x[1], x[2])
  return coroutine.yield("tail")
end)
print(t(1, nil, 3))
print(t("a", nil))
print(t(5, 6))
print(t("end", "values"))
print(pcall(t))
-- errors inside pcall inside a generator body, after yields
local p = coroutine.wrap(function()
  for i = 1, 4 do
    local ok, e = pcall(function() if i % 2 == 0 then error("even " .. i) end return i end)
    coroutine.yield(ok, e)
  end
end)
for _ = 1, 4 do print(p()) end
-- a generator body resumed with coroutine.resume from a generator body of another thread, and status from inside
local A, B
A = coroutine.create(function()
  for i = 1, 3 do
    print("A", i, coroutine.status(A), coroutine.status(B))
    print("B says", coroutine.resume(B, i))
    coroutine.yield(i)
  end
end)
B = coroutine.create(function(x)
  while true do
    print("B", x, coroutine.status(A), coroutine.status(B))
    x = coroutine.yield(x * 10)
  end
end)
for _ = 1, 4 do print(coroutine.resume(A)) end
-- resume a running / normal coroutine from inside
local self
self = coroutine.create(function() print(coroutine.resume(self)); coroutine.yield(1); print(coroutine.resume(self)) end)
print(coroutine.resume(self)); print(coroutine.resume(self))
-- yields inside a while with a break, a repeat, and nested loops
local g = coroutine.wrap(function()
  local i = 0
  while true do
    i = i + 1
    if i > 5 then break end
    repeat coroutine.yield(i) until true
    for j = 1, 2 do coroutine.yield(i * 100 + j) end
  end
  return "fin"
end)
local out = {}
for _ = 1, 16 do out[#out + 1] = tostring(g()) end
print(table.concat(out, " "))
print(pcall(g))
-- error with traceback from inside a generator body via xpcall in the resumer
local e = coroutine.create(function() coroutine.yield(1); local x = nil; return x.y end)
coroutine.resume(e)
print(coroutine.resume(e))
print(debug.traceback(e))
