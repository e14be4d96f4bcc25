-- upvalues of upvalues: the middle function only forwards the variable
local x = "x0"
local function outer()
  local y = "y0"
  return function()
    return function()
      return function()
        x = x .. "+"
        y = y .. "*"
        return x, y
      end
    end
  end
end
local f = outer()()()
print(f())
print(f())
local g = outer()()()
print(g())
print(x)
local function shared()
  local v = 0
  local function a() return function() v = v + 1 return v end end
  local function b() return function() v = v * 10 return v end end
  return a(), b()
end
local inc, mul = shared()
print(inc(), mul(), inc(), mul())
