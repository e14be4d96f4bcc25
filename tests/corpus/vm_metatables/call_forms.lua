-- __call receives the object first, then the call arguments
local mt = {__call = function(self, ...) return self.name, select("#", ...), ... end}
local obj = setmetatable({name = "callable"}, mt)
print(obj())
print(obj(1, nil, 3))
print(obj(nil, nil))
-- results are adjusted like any call
local a, b = obj("x")
print(a, b)
local t = {obj("p", "q")}
print(#t, t[1], t[2], t[3], t[4])
print((obj("only first")))
-- method-call syntax on a callable field
local holder = {f = obj}
local n1, c1, s1, a1 = holder:f("arg")
print(n1, c1, s1 == holder, a1)
-- __call objects as constructors (class call)
local Point = setmetatable({}, {__call = function(cls, x, y) return setmetatable({x = x, y = y}, cls) end})
Point.__index = Point
function Point:len2() return self.x * self.x + self.y * self.y end
local p = Point(3, 4)
print(p.x, p.y, p:len2())
-- a callable used as an iterator function in generic for
local counter = setmetatable({n = 0}, {__call = function(self, _, last)
  if last >= 3 then return nil end
  return last + 1
end})
for i in counter, nil, 0 do io.write(i, " ") end
print()
-- callable used with pcall, table.sort comparator, and string.gsub replacement
print(pcall(obj, "via pcall"))
local cmp = setmetatable({}, {__call = function(_, x, y) return x > y end})
local list = {3, 1, 2}
table.sort(list, function(x, y) return cmp(x, y) end)
print(table.concat(list, ","))
-- __call as a tail call, and recursion through __call
local fact = setmetatable({}, {__call = function(self, n) if n <= 1 then return 1 end return n * self(n - 1) end})
print(fact(10))
local function tail(x) return obj(x) end
print(tail("tailcalled"))
