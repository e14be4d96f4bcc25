-- a heap of arg[1] live tables, then a loop that changes a few of them
local n = tonumber(arg and arg[1]) or 100
local heap = {}
for i = 1, n do heap[i] = {i, name = "t" .. i} end
local sum = 0
for k = 1, 1000000 do
  local t = heap[k % n + 1]
  t[1] = t[1] + 1
  sum = sum + t[1]
end
print(sum)
