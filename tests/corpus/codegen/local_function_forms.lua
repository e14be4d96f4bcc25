-- local function (self-visible) vs local f = function (not self-visible)
local function fact(n) return n <= 1 and 1 or n * fact(n - 1) end
print(fact(6))
fact2 = function(n) return n <= 1 and 1 or n * fact2(n - 1) end
print(fact2(6))
local fib
fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(15))
local early = function() return "global early" end
local early = function() return "local early, sees " .. early() end
print(early())
local function noargs() end
local function onearg(a) return a end
local function vararg_only(...) return select('#', ...) end
local function mixed(a, b, ...) return a, b, select('#', ...) end
print(noargs(), onearg(1), vararg_only(1, 2), mixed(1, 2, 3, 4))
local t = {
  f = function(x) return x * 2 end,
  g = function(self) return self.v end,
  v = "value",
}
print(t.f(21), t:g())
