-- generic for: pairs, ipairs, next, custom iterators, closures over loop vars
local arr = {10, 20, 30}
for i, v in ipairs(arr) do io.write(i, ":", v, " ") end
print()
local keys = {}
for k in pairs({x = 1, y = 2, z = 3}) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys))
for k, v in next, {"only"} do print(k, v) end
local function iter(t, i)
  i = i + 1
  if t[i] then return i, t[i], t[i] * 2 end
end
for i, v, d in iter, arr, 0 do io.write(i, v, d, " ") end
print()
local function chars(s)
  local i = 0
  return function() i = i + 1; if i <= #s then return s:sub(i, i), i end end
end
for ch, pos in chars("abc") do io.write(ch, pos) end
print()
local fs = {}
for k, v in ipairs({"p", "q"}) do fs[k] = function() return k .. v end end
print(fs[1](), fs[2]())
for _, row in ipairs({{1, 2}, {3, 4}}) do
  for _, cell in ipairs(row) do io.write(cell) end
end
print()
for a, b, c, d, e in function(_, x) if not x then return 1, 2, 3, 4, 5 end end do
  print(a, b, c, d, e)
end
