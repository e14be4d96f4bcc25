-- closures share upvalues while open and after the enclosing function returns
local function counter_pair()
  local n = 0
  local function inc() n = n + 1; return n end
  local function get() return n end
  local function reset() n = 0 end
  return inc, get, reset
end
local inc, get, reset = counter_pair()
inc(); inc(); inc()
print(get())
reset()
print(get(), inc(), get())
local inc2, get2 = counter_pair()
inc2()
print(get(), get2())
-- sharing while the variable is still open (inside the function)
local function open_sharing()
  local v = 1
  local f = function() v = v * 2 end
  f(); f()
  local before_close = v
  v = v + 1
  return before_close, function() return v end
end
local bc, reader = open_sharing()
print(bc, reader())
-- three levels of nesting share the same variable
local function level1()
  local x = "L1"
  return function()
    return function(new) if new then x = new end return x end
  end
end
local l2 = level1()
local a, b = l2(), l2()
print(a(), b("changed"), a())
-- a closure capturing a parameter and a loop counter
local function make_adders(base)
  local adders = {}
  for i = 1, 3 do adders[i] = function(x) return base + i + x end end
  base = base * 10
  return adders
end
local ad = make_adders(1)
print(ad[1](0), ad[2](0), ad[3](100))
