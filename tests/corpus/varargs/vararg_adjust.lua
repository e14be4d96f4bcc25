-- varargs adjusted in assignments and locals
local function f(...)
  local a, b, c, d = ...
  local e = ...
  local x, y = 0, ...
  local p, q = ..., 0
  return a, b, c, d, e, x, y, p, q
end
print(f(1, 2, 3))
print(f())
local g1, g2, g3
local function set(...) g1, g2, g3 = ... end
set("a", "b")
print(g1, g2, g3)
set(1, 2, 3, 4)
print(g1, g2, g3)
local function first(...) return ... == 1 end
print(first(1), first(2), first())
local function cond(...) if ... then return "yes" end return "no" end
print(cond(true), cond(false), cond())
local function arith(...) return ... + 1, (...) * 2 end
print(arith(5, 6))
