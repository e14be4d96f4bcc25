-- method calls evaluate the object once and pass it as self
local evals = 0
local obj = {v = 1}
function obj:get() return self.v end
function obj:set(v) self.v = v; return self end
local function getobj() evals = evals + 1; return obj end
print(getobj():get(), evals)
print(getobj():set(5):set(6):get(), evals)
-- methods stored in metatables
local Stack = {}
Stack.__index = Stack
function Stack.new() return setmetatable({n = 0}, Stack) end
function Stack:push(...) for i = 1, select("#", ...) do self.n = self.n + 1; self[self.n] = (select(i, ...)) end return self end
function Stack:pop() local v = self[self.n]; self[self.n] = nil; self.n = self.n - 1; return v end
function Stack:peek() return self[self.n] end
local s = Stack.new():push(1, 2, 3)
print(s:pop(), s:pop(), s:peek(), s.n)
-- the colon call on a field of a field
local outer = {inner = {x = 10}}
function outer.inner:double() return self.x * 2 end
print(outer.inner:double())
-- a method using its own name recursively
function obj:countdown(n) if n == 0 then return "liftoff" end return self:countdown(n - 1) end
print(obj:countdown(10))
-- method call with a computed key
local key = "get"
print(obj[key](obj))
-- self can be any value with methods reachable through __index
local num_methods = setmetatable({}, {__index = function(t, k) return function(self, x) return k .. ":" .. tostring(x) end end})
print(num_methods:anything(42), num_methods:other())
