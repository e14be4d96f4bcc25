-- in-order tree traversal with a recursive coroutine generator
local function insert(node, v)
  if not node then return {v = v} end
  if v < node.v then node.l = insert(node.l, v) else node.r = insert(node.r, v) end
  return node
end
local root
for _, v in ipairs({50, 30, 70, 20, 40, 60, 80, 35, 65}) do root = insert(root, v) end
local function walk(n)
  if n then walk(n.l); coroutine.yield(n.v); walk(n.r) end
end
local out = {}
for v in coroutine.wrap(function() walk(root) end) do out[#out + 1] = v end
print(table.concat(out, " "))
local function same_fringe(t1, t2)
  local g1 = coroutine.wrap(function() walk(t1) end)
  local g2 = coroutine.wrap(function() walk(t2) end)
  while true do
    local a, b = g1(), g2()
    if a ~= b then return false end
    if a == nil then return true end
  end
end
local other
for _, v in ipairs({35, 20, 30, 40, 50, 60, 65, 70, 80}) do other = insert(other, v) end
print(same_fringe(root, other))
