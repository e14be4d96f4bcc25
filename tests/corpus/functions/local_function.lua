-- local function vs local f = function (recursion visibility)
local function r1(n) if n == 0 then return "r1" end return r1(n - 1) end
print(r1(3))
local r2 = function(n) return n end
local r2 = function(n) if n == 0 then return "r2" end return r2(n - 1) end
print(r2(3))
local r3
r3 = function(n) if n == 0 then return "r3" end return r3(n - 1) end
print(r3(3))
do
  local function inner() return "inner" end
  print(inner())
end
print(inner)
local function outer()
  local function helper(x) return x * x end
  local function helper2(x) return helper(x) + 1 end
  return helper2(5)
end
print(outer())
