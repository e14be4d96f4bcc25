-- generic for with ipairs, pairs (sorted), next, and custom iterators
local arr = {"a", "b", "c", nil, "e"}
for i, v in ipairs(arr) do io.write(i, "=", v, " ") end
print()
local map = {z = 26, a = 1, m = 13}
local keys = {}
for k in pairs(map) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, ":", map[k], " ") end
print()
local cnt = 0
for k, v in next, map do cnt = cnt + v end
print(cnt)
local function range(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end
end
for v in range(4) do io.write(v, " ") end
print()
local function stateless(limit, cur)
  if cur < limit then return cur + 1, (cur + 1) ^ 2 end
end
for i, sq in stateless, 5, 0 do io.write(i, "^2=", sq, " ") end
print()
for w in string.gmatch("one two three", "%a+") do io.write("[", w, "]") end
print()
for a, b, c, d in function(s, c) if c < 2 then return c + 1, "b", "c", "d" end end, nil, 0 do
  print(a, b, c, d)
end
for k, v in pairs({}) do print("never") end
