-- each loop iteration gets a fresh local for closures to capture
local fs = {}
for i = 1, 5 do fs[i] = function() return i end end
print(fs[1](), fs[3](), fs[5]())
local gs = {}
for _, name in ipairs({"a", "b", "c"}) do gs[#gs + 1] = function() return name end end
print(gs[1](), gs[2](), gs[3]())
-- locals declared inside while bodies are fresh each time
local hs = {}
local j = 0
while j < 3 do
  j = j + 1
  local captured = j * 10
  hs[j] = function() captured = captured + 1; return captured end
end
print(hs[1](), hs[1](), hs[2](), hs[3]())
-- a variable declared outside the loop is shared by all closures
local shared = 0
local ks = {}
for i = 1, 3 do
  shared = shared + i
  ks[i] = function() return shared end
end
print(ks[1](), ks[2](), ks[3]())
-- modifying the loop variable copy inside the closure does not affect the loop
local seen = {}
for i = 1, 3 do
  local f = function() i = i * 100; return i end
  seen[#seen + 1] = f()
  seen[#seen + 1] = i
end
print(table.concat(seen, " "))
-- closures capturing across break
local saved
for i = 1, 10 do
  local v = i * i
  if i == 4 then saved = function() return v end; break end
end
print(saved())
-- nested loops: each level captured independently
local grid = {}
for r = 1, 2 do
  for c = 1, 2 do grid[#grid + 1] = function() return r .. "," .. c end end
end
for _, f in ipairs(grid) do io.write(f(), " ") end
print()
