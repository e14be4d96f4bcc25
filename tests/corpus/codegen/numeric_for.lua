-- numeric for: with and without step, negative step, float step, expressions
local function collect(...) return table.concat({...}, " ") end
local t = {}
for i = 1, 3 do t[#t + 1] = i end
for i = 3, 1, -1 do t[#t + 1] = i end
for i = 0, 1, 0.5 do t[#t + 1] = i end
for i = 1.5, -1.5, -1.5 do t[#t + 1] = i end
print(table.concat(t, " "))
local a, b, c = 2, 8, 3
t = {}
for i = a, b, c do t[#t + 1] = i end
for i = a * 2, b + a, c - 1 do t[#t + 1] = i end
for i = -a, -b, -c do t[#t + 1] = i end
print(table.concat(t, " "))
local s = 0
for i = 1, 100 do s = s + i end
for i = 100, 1, -1 do s = s - i end
print(s)
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
for i = 1, 2 do
  for j = i, 2 do
    for k = j, 2, 1 do io.write(i, j, k, " ") end
  end
end
print()
local function lim() return 3 end
for i = lim() - 2, lim() do io.write(i) end
print()
for i = 1, 0 do print("never") end
for i = 1, 3 do local i = i * 2; io.write(i, " ") end
print()
