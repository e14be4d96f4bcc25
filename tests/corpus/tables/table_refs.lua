-- tables are references; copying and comparing
local a = {1, 2, 3}
local b = a
b[1] = 100
print(a[1], a == b)
local function shallow_copy(t) local r = {} for k, v in pairs(t) do r[k] = v end return r end
local c = shallow_copy(a)
c[2] = 200
print(a[2], c[2], a == c)
local function deep_copy(t)
  if type(t) ~= "table" then return t end
  local r = {}
  for k, v in pairs(t) do r[deep_copy(k)] = deep_copy(v) end
  return r
end
local nested = {x = {y = {z = 1}}}
local d = deep_copy(nested)
d.x.y.z = 2
print(nested.x.y.z, d.x.y.z)
local function equal(p, q)
  if type(p) ~= "table" or type(q) ~= "table" then return p == q end
  for k, v in pairs(p) do if not equal(v, q[k]) then return false end end
  for k in pairs(q) do if p[k] == nil then return false end end
  return true
end
print(equal(nested, deep_copy(nested)), equal(nested, d))
