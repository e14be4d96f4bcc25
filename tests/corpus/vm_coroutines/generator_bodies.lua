-- Coroutine bodies whose yields are direct calls of coroutine.yield (the compiled tier runs
-- them as Python generators): values both ways in every count, pipelines, status and running
-- inside, errors after yields, tracebacks and locals of suspended coroutines, resumes that
-- come another way (pcall, a nested yield), values kept only by a suspended body.

-- values both ways: one, two, all and none wanted, given fewer and more
local co = coroutine.create(function(...)
  print("start", ...)
  coroutine.yield()
  local a = coroutine.yield(1)
  local b, c = coroutine.yield(2, 3)
  print("got", a, b, c)
  print("all", coroutine.yield(4, 5, 6))
  local t = {coroutine.yield()}
  print("n", #t, t[1], t[2])
  return "end", select("#", coroutine.yield(nil, nil))
end)
local inputs = {{"x", "y"}, {}, {"a"}, {"b", "c", "d"}, {"e"}, {7, 8}, {9, 10}, {}, {1, 2, 3}}
for _, args in ipairs(inputs) do
  print(coroutine.resume(co, unpack(args)))
  print(coroutine.status(co))
end
print(coroutine.resume(co))

-- pipelines of wrap functions, the consumer a generic for
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end)
end
local function odd(src)
  return coroutine.wrap(function()
    for v in src do if v % 2 == 1 then coroutine.yield(v) end end
  end)
end
local function scale(k, src)
  return coroutine.wrap(function() for v in src do coroutine.yield(v * k, v) end end)
end
local s, n = 0, 0
for v, w in scale(3, odd(gen(200))) do s = s + v - w; n = n + 1 end
print("pipeline", s, n)

-- many short-lived generators
local total = 0
for i = 1, 60 do
  local g = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); coroutine.yield(a + b) end)
  total = total + g(i) + g(2)
end
print("short", total)

-- status and running from inside; a dead coroutine
local me
me = coroutine.create(function()
  for i = 1, 3 do
    print(coroutine.status(me), coroutine.running() == me)
    coroutine.yield(i)
  end
  return "done"
end)
while coroutine.status(me) ~= "dead" do print(coroutine.resume(me)) end
print(coroutine.resume(me))

-- errors after yields: a runtime error with a variable name, error() with strings, numbers,
-- tables, and wrap functions raising them in their caller
local bad = coroutine.create(function(x)
  for i = 1, 3 do x = x + coroutine.yield(i) end
  local t = nil
  return t.field
end)
print(coroutine.resume(bad, 1))
print(coroutine.resume(bad, 2))
print(coroutine.resume(bad, 3))
print(coroutine.resume(bad, 4))
print(coroutine.status(bad), coroutine.resume(bad))
local arith = coroutine.create(function(x)
  while true do x = x + coroutine.yield(x) end
end)
print(coroutine.resume(arith, 1))
print(coroutine.resume(arith, 2))
print(coroutine.resume(arith, {}))
local w = coroutine.wrap(function() coroutine.yield(1) error("after yield") end)
print(w())
print(pcall(w))
print(pcall(w))
local w2 = coroutine.wrap(function() coroutine.yield(1) error({code = 42}) end)
w2()
local ok, e = pcall(w2)
print(ok, type(e), e.code)
local w3 = coroutine.wrap(function() coroutine.yield(1) error(12) end)
w3()
print(pcall(w3))
local w4 = coroutine.wrap(function() coroutine.yield(1) error("level 2", 2) end)
w4()
print(pcall(w4))

-- a suspended body seen from outside: traceback, locals, a local changed before the resume
local tb = coroutine.create(function(a)
  local inner = a * 2
  coroutine.yield(inner)
  print("inner now", inner, a)
  print(debug.traceback("inside"))
  coroutine.yield(debug.getinfo(1, "l").currentline)
  return inner
end)
print(coroutine.resume(tb, 5))
print(debug.traceback(tb))
print(debug.getlocal(tb, 1, 1))
print(debug.getlocal(tb, 1, 2))
print(debug.setlocal(tb, 1, 2, 99))
print(coroutine.resume(tb))
print(coroutine.resume(tb))
print(coroutine.status(tb))

-- resumed another way in between: through pcall, and yields from a nested function
local alt = coroutine.create(function()
  local k = 0
  while true do k = k + 1; coroutine.yield(k) end
end)
for i = 1, 6 do
  if i % 2 == 0 then print(pcall(coroutine.resume, alt)) else print(coroutine.resume(alt)) end
end
local nested = coroutine.wrap(function()
  local function helper(x) coroutine.yield(x * 10) end
  for i = 1, 3 do coroutine.yield(i); helper(i) end
end)
for _ = 1, 6 do io.write(nested(), " ") end
print()
local across = coroutine.wrap(function()
  coroutine.yield(1)
  print(pcall(coroutine.yield, 2))
  coroutine.yield(3)
end)
print(across(), across())

-- a coroutine resuming another from its body, each a generator
local inner = coroutine.wrap(function() for i = 1, 4 do coroutine.yield(i * i) end end)
local outer = coroutine.create(function()
  for _ = 1, 4 do coroutine.yield(inner() + 1) end
end)
for _ = 1, 5 do print(coroutine.resume(outer)) end

-- values held only by a suspended body survive collections
local weak = setmetatable({}, {__mode = "v"})
local keeper = coroutine.wrap(function()
  local t = {}
  weak[1] = t
  coroutine.yield(1)
  collectgarbage()
  coroutine.yield(weak[1] == t)
  return #weak
end)
keeper()
collectgarbage()
collectgarbage()
print("kept", weak[1] ~= nil, keeper(), keeper())
