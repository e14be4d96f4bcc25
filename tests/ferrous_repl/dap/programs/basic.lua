local function counter()
  local n = 0
  return function()
    n = n + 1
    return n
  end
end
local c1 = counter()
local c2 = counter()
local t = {10, 20, 30, nested = {deep = {value = 42}}, name = "tbl"}
setmetatable(t, {__index = function() return 0 end})
local function add(a, b)
  local s = a + b
  return s
end
total = 0
for i = 1, 5 do
  total = add(total, i)
  c1()
end
print("total", total, c2(), t.missing)
io.write("done\n")
