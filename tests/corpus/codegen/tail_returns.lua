-- return forms: tail calls, parenthesised calls, varargs, multiple values
local function id(...) return ... end
local function t1(x) return id(x) end
local function t2(x) return (id(x, x)) end
local function t3(...) return ... end
local function t4(...) return id(...) end
local function t5(x) return x, id(x, x) end
local function t6(x) return id(x), x end
local function t7(o) return o:get() end
local function t8() return end
local function t9(x) return x and id(x) or "none" end
local function t10(...) return select('#', ...) end
local function t11(...) return (...) end
local function t12(t) return t[1], t[2] end
local function t13(t) return unpack(t) end
local o = {get = function(self) return "got", "two" end}
print(t1(1))
print(t2(2))
print(t3(3, 4))
print(t4(5, 6))
print(t5(7))
print(t6(8))
print(t7(o))
print(t8())
print(t9(9), t9(nil))
print(t10(nil, nil, nil))
print(t11(11, 12))
print(t12({13, 14}))
print(t13({15, 16, 17}))
local function deep(n) if n > 0 then return deep(n - 1) end return "bottom" end
print(deep(10000))
