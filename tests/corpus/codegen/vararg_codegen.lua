-- VARARG in every position
local function f(...)
  local a = ...
  local b, c = ...
  local t = {...}
  local u = {..., "tail"}
  local w = {n = select('#', ...), ...}
  local x = (...)
  local y = ... == 1
  local z = ... and "truthy" or "falsy"
  return a, b, c, #t, #u, w.n, x, y, z
end
print(f(1, 2, 3))
print(f())
local function g(...) return ... end
local function h(...) return g(...) end
local function k(...) return 1, ... end
local function m(...) return ..., 1 end
print(h(4, 5, 6))
print(k(7, 8))
print(m(7, 8))
local function callwith(...) return select('#', g(...)), select('#', g(..., nil)) end
print(callwith(1, 2))
local function assign(...) local p, q; p, q = ...; return p, q end
print(assign("p", "q", "r"))
local function nested(...)
  local function inner(...) return ... end
  return inner(...)
end
print(nested("n1", "n2"))
