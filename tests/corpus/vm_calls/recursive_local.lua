-- local function can refer to itself; local f = function cannot
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print(fact(10), fact(20))
local g = function(n) return n end
local g = function(n) if n == 0 then return "base" end return g(n - 1) end
print(g(3))
print(pcall(function()
  local h = function(n) if n == 0 then return "done" end return h(n - 1) end
  return h(2)
end))
-- recursive closures referencing each other through locals declared first
local ping, pong
ping = function(n) if n == 0 then return "ping" end return pong(n - 1) end
pong = function(n) if n == 0 then return "pong" end return ping(n - 1) end
print(ping(4), ping(5))
-- recursion through a table of functions
local ops = {}
function ops.fib(n) if n < 2 then return n end return ops.fib(n - 1) + ops.fib(n - 2) end
print(ops.fib(20))
-- a recursive function replaced while running
local function countdown(n)
  if n == 0 then return "zero" end
  return countdown(n - 1)
end
local original = countdown
print(original(3))
-- Y-combinator style anonymous recursion
local function Y(f) return function(...) return f(Y(f), ...) end end
local sum = Y(function(self, n) if n == 0 then return 0 end return n + self(n - 1) end)
print(sum(100))
