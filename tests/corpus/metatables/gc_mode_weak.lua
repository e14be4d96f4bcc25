-- weak tables: only the deterministic part (entries whose keys/values are
-- still strongly referenced must survive a full collection)
local weak = setmetatable({}, {__mode = "k"})
local key = {}
weak[key] = "value"
collectgarbage()
local n = 0
for k, v in pairs(weak) do n = n + 1 end
print(n, weak[key])
local wv = setmetatable({}, {__mode = "v"})
local keep = {"kept"}
wv[1] = keep
wv.str = "strings are values, never collected from weak tables"
collectgarbage()
collectgarbage()
print(wv[1][1], wv.str)
print(getmetatable(wv).__mode, getmetatable(weak).__mode)
