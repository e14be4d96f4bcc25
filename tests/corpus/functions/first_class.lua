-- functions as values: stored in tables, passed, returned
local function apply(f, ...) return f(...) end
local function compose(f, g) return function(...) return f(g(...)) end end
local function double(x) return x * 2 end
local function inc(x) return x + 1 end
print(apply(double, 4), compose(double, inc)(3), compose(inc, double)(3))
local ops = {
  add = function(a, b) return a + b end,
  sub = function(a, b) return a - b end,
  ["mul"] = function(a, b) return a * b end,
}
local names = {"add", "sub", "mul"}
for _, n in ipairs(names) do io.write(n, "=", ops[n](6, 3), " ") end
print()
local function map(t, f) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
local function filter(t, p) local r = {} for _, v in ipairs(t) do if p(v) then r[#r + 1] = v end end return r end
local function reduce(t, f, acc) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
local nums = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
print(table.concat(map(nums, double), ","))
print(table.concat(filter(nums, function(x) return x % 3 == 0 end), ","))
print(reduce(nums, ops.add, 0), reduce(nums, ops.mul, 1))
print(type(print), type(apply), apply(tostring, 12))
