-- OP_CLOSE: leaving blocks/loops that have captured locals, via end, break and return
local fs = {}
for i = 1, 3 do
  local a = i
  fs[#fs + 1] = function() return a end
end
local j = 0
while j < 3 do
  j = j + 1
  local b = j * 2
  fs[#fs + 1] = function() return b end
  if j == 2 then break end
end
do
  local c = "block"
  fs[#fs + 1] = function() return c end
end
local function ret(flag)
  local d = "ret"
  local f = function() return d end
  if flag then
    local e = "inner"
    return function() return d .. e end
  end
  return f
end
fs[#fs + 1] = ret(true)
fs[#fs + 1] = ret(false)
local k = 0
repeat
  k = k + 1
  local r = k
  fs[#fs + 1] = function() r = r + 100 return r end
until r >= 2
for key, val in pairs({only = 1}) do
  local z = key .. val
  fs[#fs + 1] = function() return z end
end
for i, f in ipairs(fs) do io.write(tostring(f()), " ") end
print()
local outer = {}
for i = 1, 2 do
  for j = 1, 2 do
    local ij = i * 10 + j
    outer[#outer + 1] = function() return ij end
    if j == 1 then break end
  end
end
print(outer[1](), outer[2]())
