-- deeply nested constructors and mixed data
local data = {
  name = "root",
  children = {
    {name = "a", children = {{name = "a1", children = {}}, {name = "a2", children = {}}}},
    {name = "b", children = {{name = "b1", children = {{name = "b1x", children = {}}}}}},
    {name = "c", children = {}},
  },
  meta = {version = {1, 2, 3}, tags = {"x", "y"}, flags = {on = true, off = false}},
}
local function walk(node, depth, out)
  out[#out + 1] = string.rep("  ", depth) .. node.name
  for _, ch in ipairs(node.children) do walk(ch, depth + 1, out) end
  return out
end
print(table.concat(walk(data, 0, {}), "\n"))
print(table.concat(data.meta.version, "."), data.meta.tags[2], data.meta.flags.on, data.meta.flags.off)
local m = {{{{{{{{{{"ten"}}}}}}}}}}
print(m[1][1][1][1][1][1][1][1][1][1])
