-- closures capturing parameters and varargs-derived locals
local function adder(n) return function(x) return x + n end end
local add2, add10 = adder(2), adder(10)
print(add2(1), add10(1), add2(add10(0)))
local function bind(...)
  local args = {...}
  local cnt = select('#', ...)
  return function() return unpack(args, 1, cnt) end
end
print(bind(1, nil, 3)())
local function mutate(p)
  local get = function() return p end
  p = p * 2
  return get
end
print(mutate(21)())
local function pairs_of(a, b)
  return function() a, b = b, a; return a, b end
end
local sw = pairs_of("L", "R")
print(sw()) print(sw())
