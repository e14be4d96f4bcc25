-- arbitrary precision non-negative integers as digit arrays (base 10^4)
local BASE, WIDTH = 10000, 4
local function from(n) local d = {} repeat d[#d + 1] = n % BASE; n = math.floor(n / BASE) until n == 0 return d end
local function add(a, b)
  local r, carry = {}, 0
  for i = 1, math.max(#a, #b) do
    local s = (a[i] or 0) + (b[i] or 0) + carry
    r[i] = s % BASE; carry = math.floor(s / BASE)
  end
  if carry > 0 then r[#r + 1] = carry end
  return r
end
local function mulsmall(a, m)
  local r, carry = {}, 0
  for i = 1, #a do
    local p = a[i] * m + carry
    r[i] = p % BASE; carry = math.floor(p / BASE)
  end
  while carry > 0 do r[#r + 1] = carry % BASE; carry = math.floor(carry / BASE) end
  return r
end
local function mul(a, b)
  local r = {}
  for i = 1, #a + #b do r[i] = 0 end
  for i = 1, #a do
    local carry = 0
    for j = 1, #b do
      local cur = r[i + j - 1] + a[i] * b[j] + carry
      r[i + j - 1] = cur % BASE; carry = math.floor(cur / BASE)
    end
    local k = i + #b
    while carry > 0 do local cur = r[k] + carry; r[k] = cur % BASE; carry = math.floor(cur / BASE); k = k + 1 end
  end
  while #r > 1 and r[#r] == 0 do r[#r] = nil end
  return r
end
local function tostr(a)
  local parts = {tostring(a[#a])}
  for i = #a - 1, 1, -1 do parts[#parts + 1] = string.format("%0" .. WIDTH .. "d", a[i]) end
  return table.concat(parts)
end
local f = from(1)
for i = 2, 50 do f = mulsmall(f, i) end
print("50! = " .. tostr(f))
local a, b = from(0), from(1)
for _ = 1, 200 do a, b = b, add(a, b) end
print("fib(200) = " .. tostr(a))
local p = from(1)
local two = from(2)
for _ = 1, 128 do p = mul(p, two) end
print("2^128 = " .. tostr(p))
print(tostr(mul(from(99999999), from(99999999))))
