-- a memoisation cache with weak values: unreferenced results disappear after a collection
local cache = setmetatable({}, {__mode = "v"})
local computed = 0
local function get(n)
  local r = cache[n]
  if not r then
    computed = computed + 1
    r = {value = n * n}
    cache[n] = r
  end
  return r
end
local held = {}
for i = 1, 10 do
  local r = get(i)
  if i <= 3 then held[i] = r end
end
print(computed)
for i = 1, 10 do get(i) end
print(computed)
collectgarbage()
for i = 1, 10 do get(i) end
print(computed)
local n = 0
for k, v in pairs(cache) do n = n + 1 end
print(n)
held = nil
collectgarbage()
local left = 0
for k, v in pairs(cache) do left = left + 1 end
print(left)
