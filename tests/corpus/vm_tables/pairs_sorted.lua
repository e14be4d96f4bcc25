-- pairs visits every key exactly once; print them sorted
local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) < type(b)
  end)
  return keys
end
local t = {10, 20, 30, x = "x", y = "y", [100] = "h", [-1] = "neg", [2.5] = "f"}
for _, k in ipairs(sorted_keys(t)) do print(k, t[k]) end
-- next directly
local n = {}
print(next(n))
n.only = 1
print(next(n))
print(next(n, "only"))
-- count with pairs after deletions during traversal (assigning nil is allowed)
local d = {}
for i = 1, 20 do d[i] = i; d["k" .. i] = i end
for k, v in pairs(d) do if v % 2 == 0 then d[k] = nil end end
local cnt = 0
for _ in pairs(d) do cnt = cnt + 1 end
print(cnt)
-- pairs returns next, the table and nil
local f, s, init = pairs(d)
print(f == next, s == d, init)
-- pairs on a table with only a hash part
local h = {alpha = 1, beta = 2, gamma = 3}
local sum = 0
for k, v in pairs(h) do sum = sum + v end
print(sum, table.concat(sorted_keys(h), ","))
