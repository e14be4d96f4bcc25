-- an inner function uses a variable that the middle function only captures
local function outer()
  local x = 10
  local function middle()
    return function() x = x + 1; return x end
  end
  local function peek() return x end
  return middle, peek
end
local m, peek = outer()
local i1, i2 = m(), m()
print(i1(), i2(), peek())
local function chain()
  local base = "b"
  return function()
    return function()
      return function()
        base = base .. "+"
        return base
      end
    end
  end
end
local c = chain()
local f1 = c()()
local f2 = c()()
print(f1(), f2(), f1())
