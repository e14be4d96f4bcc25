-- all loop kinds nested inside each other
local out = {}
for i = 1, 2 do
  local j = 0
  while j < 2 do
    j = j + 1
    local k = 0
    repeat
      k = k + 1
      for _, c in ipairs({"x", "y"}) do
        out[#out + 1] = i .. j .. k .. c
      end
    until k == 2
  end
end
print(#out, table.concat(out, " "))
local primes = {}
for n = 2, 60 do
  local is_p = true
  local d = 2
  while d * d <= n do
    if n % d == 0 then is_p = false break end
    d = d + 1
  end
  if is_p then primes[#primes + 1] = n end
end
print(table.concat(primes, " "))
