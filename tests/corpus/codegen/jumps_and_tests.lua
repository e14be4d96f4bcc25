-- conditional jumps: TEST vs TESTSET, jumps to jumps, not in conditions
local function f(a, b, c)
  local r = {}
  local x = a or b
  local y = a and b
  local z = not a
  local w = a or b or c
  local v = (a and b) or c
  local u = a and (b or c)
  x = x or c
  y = y and c
  if a or b then r[#r + 1] = "or" end
  if a and b then r[#r + 1] = "and" end
  if not (a or b) then r[#r + 1] = "nor" end
  if not a or not b then r[#r + 1] = "nand" end
  while a and not b do a = false; r[#r + 1] = "w" end
  return tostring(x) .. tostring(y) .. tostring(z) .. tostring(w) .. tostring(v) .. tostring(u), table.concat(r, ",")
end
print(f(1, 2, 3))
print(f(nil, 2, 3))
print(f(1, false, 3))
print(f(false, nil, nil))
local t = {flag = true}
if t.flag then print("field test") end
if not t.missing then print("missing field") end
if t.flag == true then print("eq true") end
local g = t.flag and t or nil
print(g == t)
local n = 0
for i = 1, 10 do
  if i % 2 == 0 and i % 3 == 0 or i == 7 then n = n + i end
end
print(n)
