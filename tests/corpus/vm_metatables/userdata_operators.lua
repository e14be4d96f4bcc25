-- metamethods on userdata created with newproxy
local u = newproxy(true)
local mt = getmetatable(u)
local value = 10
mt.__add = function(a, b)
  local x = type(a) == "userdata" and value or a
  local y = type(b) == "userdata" and value or b
  return x + y
end
mt.__unm = function() return -value end
mt.__concat = function(a, b)
  return (type(a) == "userdata" and "U" or a) .. (type(b) == "userdata" and "U" or b)
end
mt.__index = function(self, k) return "field " .. k end
mt.__call = function(self, a) return "called with " .. tostring(a) end
mt.__tostring = function() return "a proxy" end
mt.__len = function() return value end
print(u + 1, 2 + u, u + u, -u, u .. "x", "x" .. u, u.name, u(7), tostring(u), #u)
local v = newproxy(u)
print(v + 5, #v, v.other)
-- __eq for two userdata with the same metamethod
local eqmt_calls = 0
mt.__eq = function(a, b) eqmt_calls = eqmt_calls + 1; return true end
print(u == v, u == u, eqmt_calls)
-- __lt/__le for userdata
mt.__lt = function(a, b) return rawequal(a, u) end
mt.__le = function(a, b) return false end
print(u < v, v < u, u <= v)
-- newindex on userdata without __newindex is an error
print(pcall(function() u.x = 1 end))
local w = newproxy(false)
print(pcall(function() return w.x end))
print(pcall(function() return w + 1 end))
