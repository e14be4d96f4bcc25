-- The debugger's scale test: 10,000 live tables and 100 frames deep, then a loop to step in.
local objects = {}
for i = 1, 10000 do
  objects[i] = {i}
end

local function deep(n)
  if n == 0 then
    local x = 0
    for i = 1, 100000 do
      x = x + i
    end
    return x
  end
  return deep(n - 1) + 1
end

print(deep(100), #objects)
