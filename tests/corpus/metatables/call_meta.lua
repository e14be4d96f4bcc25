-- __call metamethod
local callable = setmetatable({name = "C"}, {__call = function(self, a, b) return self.name, a, b end})
print(callable(1, 2))
print(callable())
print(pcall(callable, "x"))
local Class = setmetatable({}, {__call = function(cls, v) return {v = v} end})
print(Class(42).v)
local counter = setmetatable({n = 0}, {__call = function(self) self.n = self.n + 1; return self.n end})
counter() counter()
print(counter(), counter.n)
local function tailcaller() return callable("t", "c") end
print(tailcaller())
print(pcall(setmetatable({}, {}), 1))
