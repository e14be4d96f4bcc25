-- deeply nested functions; upvalues threaded through every level
local base = 1
local function l1(a)
  local function l2(b)
    local function l3(c)
      local function l4(d)
        local function l5(e)
          local function l6(f)
            local function l7(g)
              local function l8(h)
                base = base + 1
                return base + a + b + c + d + e + f + g + h
              end
              return l8
            end
            return l7
          end
          return l6
        end
        return l5
      end
      return l4
    end
    return l3
  end
  return l2
end
local f = l1(1)(2)(3)(4)(5)(6)(7)
print(f(8), f(8), base)
local g = function() return function() return function() return function() return function() return base end end end end end
print(g()()()()())
local function counter_factory()
  local total = 0
  return function()
    local mine = 0
    return function()
      mine = mine + 1
      total = total + 1
      return mine, total
    end
  end
end
local mk = counter_factory()
local c1, c2 = mk(), mk()
c1() c1() c2()
print(c1())
print(c2())
