-- the classic concurrent prime sieve built from chained generators
local function gen(n)
  return coroutine.wrap(function()
    for i = 2, n do coroutine.yield(i) end
  end)
end
local function filter(p, g)
  return coroutine.wrap(function()
    for n in g do
      if n % p ~= 0 then coroutine.yield(n) end
    end
  end)
end
local primes = {}
local x = gen(200)
while true do
  local p = x()
  if p == nil then break end
  primes[#primes + 1] = p
  x = filter(p, x)
end
print(#primes)
print(table.concat(primes, " "))
-- fibonacci generator with a limit
local function fib(limit)
  return coroutine.wrap(function()
    local a, b = 0, 1
    while a <= limit do
      coroutine.yield(a)
      a, b = b, a + b
    end
  end)
end
local fs = {}
for v in fib(1000) do fs[#fs + 1] = v end
print(table.concat(fs, ","))
