-- memoization of functions with one and several arguments
local function memoize(f)
  local cache, hits = {}, 0
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n); cache[n] = v else hits = hits + 1 end
    return v
  end, function() return hits end
end
local fib, fibhits
fib, fibhits = memoize(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(50), fib(70), fibhits())
local function memoize2(f)
  local cache = {}
  return function(a, b)
    local key = a .. "," .. b
    if cache[key] == nil then cache[key] = f(a, b) end
    return cache[key]
  end
end
local binom
binom = memoize2(function(n, k)
  if k == 0 or k == n then return 1 end
  return binom(n - 1, k - 1) + binom(n - 1, k)
end)
print(binom(10, 5), binom(30, 15), binom(50, 25))
local paths
paths = memoize2(function(r, c)
  if r == 0 or c == 0 then return 1 end
  return paths(r - 1, c) + paths(r, c - 1)
end)
print(paths(10, 10), paths(16, 16))
