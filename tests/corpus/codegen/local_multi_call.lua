-- local declarations initialised from calls and varargs
local function three() return 1, 2, 3 end
local function none() end
local a, b, c = three()
print(a, b, c)
local d, e = three()
print(d, e)
local f, g, h, i = three()
print(f, g, h, i)
local j, k, l = none()
print(j, k, l)
local m, n, o = three(), three()
print(m, n, o)
local p, q, r = 0, three()
print(p, q, r)
local s = three()
print(s)
local u, v = (three())
print(u, v)
local w, x, y = ..., 1
print(w, x, y)
local function fv(...)
  local a1, a2, a3 = ...
  local b1 = ...
  return a1, a2, a3, b1
end
print(fv(4, 5))
local z1, z2, z3, z4, z5, z6, z7, z8 = three()
print(z1, z2, z3, z4, z5, z6, z7, z8)
