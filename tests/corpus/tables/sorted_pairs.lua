-- iterate hash tables deterministically by sorting keys
local function spairs(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    local ta, tb = type(a), type(b)
    if ta ~= tb then return ta < tb end
    return a < b
  end)
  local i = 0
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, t[k] end
  end
end
local t = {banana = 3, apple = 1, cherry = 2, [1] = "one", [3] = "three", [2] = "two", [-5] = "neg"}
for k, v in spairs(t) do print(k, v) end
local counts = {}
for w in ("the quick brown fox jumps over the lazy dog the end"):gmatch("%a+") do
  counts[w] = (counts[w] or 0) + 1
end
for k, v in spairs(counts) do io.write(k, "=", v, " ") end
print()
