-- numeric for loops: steps, floats, empty ranges, loop variable copies
local function run(a, b, s)
  local t = {}
  if s then
    for i = a, b, s do t[#t + 1] = i end
  else
    for i = a, b do t[#t + 1] = i end
  end
  print(a, b, s, "->", table.concat(t, " "))
end
run(1, 5)
run(5, 1)
run(5, 1, -1)
run(1, 10, 3)
run(10, 1, -4)
run(0, 1, 0.25)
run(1, 0)
run(1, 1)
run(-3, 3, 2)
run(1.5, 4)
for i = 1, 3 do
  local j = i
  i = i * 10
  io.write(i, ":", j, " ")
end
print()
for i = 3, 1, -1 do io.write(i, " ") end
print()
for i = 1, 3, 1 do for j = i, 3 do io.write(i, j, " ") end end
print()
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for i = 1, 2, {} do end end))
for i = "1", "3" do io.write(i, ",") end
print()
