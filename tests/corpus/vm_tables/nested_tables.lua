-- nested tables, references and deep structures
local m = {}
for i = 1, 3 do
  m[i] = {}
  for j = 1, 3 do m[i][j] = i * 10 + j end
end
print(m[2][3], m[3][1], #m, #m[1])
local row = m[2]
row[1] = "changed"
print(m[2][1])
-- a table containing itself
local selfref = {}
selfref.me = selfref
print(selfref.me.me.me == selfref)
-- deep path building
local root = {}
local node = root
for i = 1, 100 do node.child = {depth = i}; node = node.child end
local d, cur = 0, root
while cur.child do cur = cur.child; d = d + 1 end
print(d, cur.depth)
-- tables as keys of other tables
local k1, k2 = {}, {}
local map = {[k1] = "first", [k2] = "second"}
print(map[k1], map[k2])
-- shallow and deep copies
local function shallow(t) local c = {} for k, v in pairs(t) do c[k] = v end return c end
local function deep(t)
  if type(t) ~= "table" then return t end
  local c = {}
  for k, v in pairs(t) do c[k] = deep(v) end
  return c
end
local orig = {a = {b = {c = 1}}, list = {1, 2, 3}}
local s, dcopy = shallow(orig), deep(orig)
orig.a.b.c = 99
print(s.a.b.c, dcopy.a.b.c, #dcopy.list)
-- a nested constructor with mixed fields
local cfg = {name = "x", opts = {1, 2, {deep = {true}}}, [10] = {n = 10}}
print(cfg.opts[3].deep[1], cfg[10].n, #cfg.opts)
