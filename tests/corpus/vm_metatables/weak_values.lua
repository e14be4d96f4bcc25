-- weak-valued tables drop entries whose values are only weakly referenced
local cache = setmetatable({}, {__mode = "v"})
local keep = {}
cache.kept = keep
cache.dropped = {}
cache.str = "strings are values, never collected"
cache.num = 123
cache.fn = function() end
collectgarbage()
collectgarbage()
local names = {}
for k in pairs(cache) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(cache.kept == keep, cache.dropped)
-- array part of a weak-valued table
local arr = setmetatable({}, {__mode = "v"})
local anchors = {}
for i = 1, 10 do
  local obj = {i}
  arr[i] = obj
  if i % 2 == 0 then anchors[#anchors + 1] = obj end
end
collectgarbage()
local alive = {}
for i = 1, 10 do if arr[i] then alive[#alive + 1] = i end end
print(table.concat(alive, ","))
anchors = nil
collectgarbage()
local left = 0
for i = 1, 10 do if arr[i] then left = left + 1 end end
print(left)
