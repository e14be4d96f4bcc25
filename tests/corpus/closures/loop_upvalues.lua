-- closures created in loops with break (upvalues must be closed correctly)
local fs = {}
for i = 1, 10 do
  local v = i * i
  fs[#fs + 1] = function() return v end
  if i == 4 then break end
end
for _, f in ipairs(fs) do io.write(f(), " ") end
print()
local gs = {}
local n = 0
while true do
  n = n + 1
  local cap = n
  gs[n] = function() cap = cap + 100; return cap end
  if n == 3 then break end
end
print(gs[1](), gs[2](), gs[3](), gs[1]())
local hs = {}
local k = 0
repeat
  k = k + 1
  local own = k
  hs[k] = function() return own end
  if own == 2 then break end
until own > 5
print(#hs, hs[1](), hs[2]())
local rs = {}
local m = 0
repeat
  m = m + 1
  local z = m
  rs[m] = function() return z end
until z >= 3
print(rs[1](), rs[2](), rs[3]())
for key, val in pairs({only = "one"}) do
  fs.last = function() return key .. "=" .. val end
end
print(fs.last())
