-- proper tail calls run in constant stack space: each chain below is deeper than the 16383
-- frames a non-tail recursion could use (tests/vm/runtime/test_recursion.py goes to a million)
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + 1)
end
print(count(100000, 0))
local even, odd
function even(n) if n == 0 then return "even" end return odd(n - 1) end
function odd(n) if n == 0 then return "odd" end return even(n - 1) end
print(even(100001), even(100000))
-- tail call through a table field and a method
local m = {}
function m.loop(n) if n <= 0 then return "field done" end return m.loop(n - 1) end
function m:mloop(n) if n <= 0 then return "method done" end return self:mloop(n - 1) end
print(m.loop(30000), m:mloop(30000))
-- a tail call returning multiple values
local function multi(n) if n == 0 then return 1, 2, 3 end return multi(n - 1) end
print(multi(30000))
-- these are NOT tail calls (extra work after the call) but shallow enough
local function not_tail(n) if n == 0 then return 0 end return (not_tail(n - 1)) end
print(not_tail(5000))
-- tail calling a C function and a vararg function
local function tc(...) return select("#", ...) end
local function caller(n) if n == 0 then return tc(1, nil, nil) end return caller(n - 1) end
print(caller(30000))
local function to_c(s) return string.upper(s) end
print(to_c("tail into C"))
