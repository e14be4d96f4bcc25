-- upvalues through several levels of nested functions
local function level1()
  local v1 = 1
  return function()
    local v2 = 2
    return function()
      local v3 = 3
      return function()
        local v4 = 4
        return function()
          v1 = v1 + 1
          return v1 + v2 + v3 + v4
        end
      end
    end
  end
end
local f = level1()()()()
print(f(), f())
local g = level1()
print(g()()()(), f())
local a = 1
local function o1()
  local b = 2
  local function o2()
    local c = 3
    local function o3()
      local d = 4
      local function o4()
        local e = 5
        local function o5()
          return a + b + c + d + e
        end
        return o5()
      end
      return o4()
    end
    return o3()
  end
  return o2()
end
print(o1())
a = 100
print(o1())
