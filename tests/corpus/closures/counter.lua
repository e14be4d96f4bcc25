-- basic closures over locals
local function counter(start, step)
  local n = start
  return function() n = n + step; return n end,
         function() return n end,
         function(v) n = v end
end
local inc, get, set = counter(10, 5)
inc() inc()
print(get())
set(100)
print(inc(), get())
local inc2, get2 = counter(0, 1)
inc2()
print(get2(), get())
