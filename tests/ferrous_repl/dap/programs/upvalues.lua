local function outer()
  local x = 1
  local function inner(step)
    x = x + step
    return x
  end
  local function peek() return x end
  inner(1)
  return inner, peek
end
local f, p = outer()
print(f(10), p())
