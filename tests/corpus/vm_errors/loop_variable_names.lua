-- loop control variables, parameters and varargs in error messages
print(pcall(function() for i = 1, 2 do i() end end))
print(pcall(function() for k, v in pairs({a = 1}) do v() end end))
print(pcall(function() for k, v in pairs({a = 1}) do k.x = 1 end end))
print(pcall(function() for i, v in ipairs({{}}) do return v + i end end))
print(pcall(function(self) return self.x end))
print(pcall(function(a, b, c) return a .. b .. c end, "a", "b"))
print(pcall(function(...) local first = ...; return first.x end))
print(pcall(function(...) local a, b = ...; return a < b end, 1))
-- a local declared but assigned later keeps its name
print(pcall(function() local later; later = nil; return later[1] end))
-- a local whose scope ended: the register is reused, no name
print(pcall(function()
  do local gone = {} end
  local x = nil
  return x.y
end))
-- names of upvalues two levels up
local outer_v
print(pcall(function() return (function() return outer_v.k end)() end))
