-- argument adjustment: missing args are nil, extra args are dropped
local function f(a, b, c) return a, b, c end
print(f())
print(f(1))
print(f(1, 2, 3, 4, 5))
local function g(a, b) return select('#', a, b) end
print(g(), g(1, 2, 3))
local function two() return 1, 2 end
print(f(two()))
print(f(two(), 10))
print(f(0, two()))
print(f((two())))
local function modify(t, n) t.x = n; n = n + 1; return n end
local tbl, num = {}, 5
print(modify(tbl, num), tbl.x, num)
local function defaults(a, b)
  a = a or "defA"
  b = b or "defB"
  return a .. b
end
print(defaults(), defaults("x"), defaults(nil, "y"), defaults(false, false))
