-- currying, partial application, function factories
local function curry3(f) return function(a) return function(b) return function(c) return f(a, b, c) end end end end
local function sum3(a, b, c) return a + b + c end
print(curry3(sum3)(1)(2)(3))
local function partial(f, ...)
  local bound = {...}
  local nb = select('#', ...)
  return function(...)
    local args = {}
    for i = 1, nb do args[i] = bound[i] end
    local n = select('#', ...)
    for i = 1, n do args[nb + i] = select(i, ...) end
    return f(unpack(args, 1, nb + n))
  end
end
local p = partial(string.format, "%s-%s-%s")
print(p("a", "b", "c"))
local add5 = partial(sum3, 2, 3)
print(add5(10))
local function iterate(f, n, x) for _ = 1, n do x = f(x) end return x end
print(iterate(function(v) return v * 2 end, 10, 1))
local function memo_count()
  local calls = 0
  return function() calls = calls + 1 return calls end
end
local c1, c2 = memo_count(), memo_count()
c1() c1() c2()
print(c1(), c2())
