-- calling a local or an upvalue names it with its kind
print(pcall(function() local f; f() end))
print(pcall(function() local f = 3; f(1) end))
print(pcall(function(g) g() end))
print(pcall(function(a, b, cb) return cb(a, b) end, 1, 2))
local u
local function uses_upvalue() u() end
print(pcall(uses_upvalue))
local tbl = {}
local function uses_upvalue2() return tbl() end
print(pcall(uses_upvalue2))
local function outer()
  local inner_val = "notfn"
  return function() inner_val() end
end
print(pcall(outer()))
-- a local that shadows a global
print(pcall(function() local print = nil; print("x") end))
-- the result of a call has no name
print(pcall(function() local function mk() return nil end; mk()() end))
print(pcall(function() local t = {}; (t.a or t.b)() end))
