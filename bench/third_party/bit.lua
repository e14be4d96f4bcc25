-- LuaBitOp's functions in plain Lua 5.1 arithmetic, for third-party code that requires 'bit'
-- (benchmark collections) and must run the same under lua5.1 (which has no bit library here)
-- and ferrous. Results are signed 32-bit numbers, as LuaBitOp returns them.

local floor = math.floor
local TWO32, TWO31 = 4294967296, 2147483648

local function u32(x)
  return floor(x) % TWO32
end

local function signed(x)
  x = x % TWO32
  if x >= TWO31 then return x - TWO32 end
  return x
end

local function combine(a, b, rule)
  a, b = u32(a), u32(b)
  local result, place = 0, 1
  for _ = 1, 32 do
    local x, y = a % 2, b % 2
    if rule(x, y) then result = result + place end
    a, b, place = (a - x) / 2, (b - y) / 2, place * 2
  end
  return result
end

local function fold(rule)
  return function(a, ...)
    local r = u32(a)
    for i = 1, select("#", ...) do
      r = combine(r, select(i, ...), rule)
    end
    return signed(r)
  end
end

local bit = {}
bit.band = fold(function(x, y) return x == 1 and y == 1 end)
bit.bor = fold(function(x, y) return x == 1 or y == 1 end)
bit.bxor = fold(function(x, y) return x ~= y end)
function bit.tobit(x) return signed(u32(x)) end
function bit.bnot(x) return signed(TWO32 - 1 - u32(x)) end
function bit.lshift(x, n) return signed(u32(x) * 2 ^ (n % 32)) end
function bit.rshift(x, n) return signed(floor(u32(x) / 2 ^ (n % 32))) end
function bit.arshift(x, n)
  local v = signed(u32(x))
  return signed(floor(v / 2 ^ (n % 32)))
end
return bit
