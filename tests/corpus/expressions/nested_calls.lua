-- expressions that are calls, calls of calls, and methods in expressions
local function add(a, b) return a + b end
local function mk(n) return function(m) return n * m end end
print(add(add(1, 2), add(3, 4)))
print(mk(3)(4), mk(mk(2)(5))(2))
local obj = {v = 10}
function obj:get() return self.v end
function obj:with(n) return {v = self.v + n, get = obj.get, with = obj.with} end
print(obj:get(), obj:with(5):get(), obj:with(1):with(2):with(3):get())
local s = ("%d-%d"):format(1, 2):rep(2)
print(s)
print(("abc"):upper():lower():len())
print(math.max(add(1, 1), add(2, 2)) + math.min(add(0, 1), 5))
print(tostring(nil) .. tostring(true) .. tostring(12))
local chain = {f = function() return {g = function() return {h = "end"} end} end}
print(chain.f().g().h, chain["f"]()["g"]().h)
