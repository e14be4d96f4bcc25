-- __index tables chained through several levels
local base = {kind = "base", shared = "from base"}
local mid = setmetatable({kind = "mid"}, {__index = base})
local top = setmetatable({}, {__index = mid})
local leaf = setmetatable({own = 1}, {__index = top})
print(leaf.own, leaf.kind, leaf.shared, leaf.missing)
print(rawget(leaf, "kind"), rawget(mid, "kind"))
base.added_later = "late"
print(leaf.added_later)
mid.shared = "overridden in mid"
print(leaf.shared, top.shared, base.shared)
-- a chain of 50 levels
local t = {deep = "found at the bottom"}
for i = 1, 50 do t = setmetatable({["level" .. i] = i}, {__index = t}) end
print(t.deep, t.level1, t.level50, t.level51)
-- __index on a table with numeric keys
local defaults = setmetatable({}, {__index = {10, 20, 30}})
print(defaults[1], defaults[3], defaults[4], #defaults)
-- nil and false values stored in the object shadow the chain only when non-nil
local proto = {flag = true, name = "proto"}
local obj = setmetatable({flag = false}, {__index = proto})
print(obj.flag, obj.name)
obj.name = nil
print(obj.name)
