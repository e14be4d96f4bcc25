-- a = a or {} and friends
local cfg
cfg = cfg or {}
cfg.name = cfg.name or "default"
cfg.size = cfg.size or 10
cfg.size = cfg.size and cfg.size * 2
print(cfg.name, cfg.size)
gcache = gcache or {}
gcache.hits = (gcache.hits or 0) + 1
gcache.hits = (gcache.hits or 0) + 1
print(gcache.hits)
local counts = {}
for _, w in ipairs({"a", "b", "a", "c", "a", "b"}) do counts[w] = (counts[w] or 0) + 1 end
print(counts.a, counts.b, counts.c, counts.d or 0)
local function opt(t)
  t = t or {}
  local x = t.x or 1
  local y = t.y or x + 1
  return x, y
end
print(opt())
print(opt({x = 5}))
print(opt({y = 7}))
local up = nil
local function lazy() up = up or {n = 0}; up.n = up.n + 1; return up.n end
print(lazy(), lazy(), lazy())
local t = {}
t[1] = t[1] or "first"
t[1] = t[1] or "second"
print(t[1])
