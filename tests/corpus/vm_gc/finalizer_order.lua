-- __gc on userdata proxies: finalizers run in reverse order of creation at a collection
local order = {}
local function proxy(name)
  local p = newproxy(true)
  getmetatable(p).__gc = function() order[#order + 1] = name end
  return p
end
do
  local a, b, c = proxy("a"), proxy("b"), proxy("c")
end
collectgarbage()
print(table.concat(order, " "))
-- an object kept alive is not finalized
order = {}
local survivor = proxy("survivor")
local list = {}
for i = 1, 5 do list[i] = proxy("p" .. i) end
list = nil
collectgarbage()
print(table.concat(order, " "))
-- objects resurrected by the finalizer are still accessible from it
local saved
do
  local p = newproxy(true)
  getmetatable(p).__gc = function(self) saved = self end
end
collectgarbage()
print(type(saved))
saved = nil
collectgarbage()
print(saved == nil, #order)
