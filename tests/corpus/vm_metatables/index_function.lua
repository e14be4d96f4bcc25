-- __index functions receive the original table and the key
local calls = 0
local t = setmetatable({present = "yes"}, {__index = function(self, key)
  calls = calls + 1
  return "computed:" .. tostring(key)
end})
print(t.present, t.absent, t[1], t[true], calls)
-- through a chain, the function receives the intermediate table, not the original
local proto = setmetatable({}, {__index = function(self, key)
  return (rawget(self, "prefix") or "proto-") .. key
end})
local a = setmetatable({prefix = "A-"}, {__index = proto})
print(a.x, a.yz, rawget(a, "x"), a.prefix)
proto.prefix = "P-"
print(a.x)
local sq = setmetatable({}, {__index = function(t, n)
  local v = n * n
  rawset(t, n, v)
  return v
end})
print(sq[4], sq[12], rawget(sq, 4), rawget(sq, 5))
-- memoised fibonacci via __index
local fib = setmetatable({[0] = 0, [1] = 1}, {__index = function(t, n)
  local v = t[n - 1] + t[n - 2]
  t[n] = v
  return v
end})
print(fib[10], fib[50], fib[80])
-- __index returning multiple values: only the first counts
local multi = setmetatable({}, {__index = function() return 1, 2, 3 end})
print(multi.x, select("#", multi.x))
-- __index function returning nil and false
local nf = setmetatable({}, {__index = function(t, k) if k == "f" then return false end end})
print(nf.f, nf.n)
