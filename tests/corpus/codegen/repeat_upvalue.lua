-- repeat..until: local used in the condition and captured by a closure
local fs = {}
local i = 0
repeat
  i = i + 1
  local v = i * 10
  fs[#fs + 1] = function() return v end
until v >= 30
print(#fs, fs[1](), fs[2](), fs[3]())
local gs = {}
local j = 0
repeat
  j = j + 1
  local w = j
  gs[#gs + 1] = function() w = w + 1 return w end
  if w == 2 then break end
until w > 5
print(#gs, gs[1](), gs[1](), gs[2]())
local hs = {}
local k = 0
repeat
  local captured = k
  hs[#hs + 1] = function() return captured end
  k = k + 1
until captured == 2 or k > 10
print(#hs, hs[1](), hs[2](), hs[3]())
local function nested()
  local out = {}
  local a = 0
  repeat
    local b = a
    repeat
      local c = b
      out[#out + 1] = function() return a .. b .. c end
      b = b + 1
    until c >= 1
    a = a + 1
  until b >= 3
  local r = {}
  for _, f in ipairs(out) do r[#r + 1] = f() end
  return table.concat(r, " ")
end
print(nested())
