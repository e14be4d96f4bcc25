-- numeric for edge cases with floats and large values
local c = 0
for i = 0, 1, 0.1 do c = c + 1 end
print(c)
c = 0
for i = 1, 0, 0.5 do c = c + 1 end
print(c)
for i = 2^52 - 2, 2^52 do io.write(string.format("%.0f ", i)) end
print()
for i = -1, -3, -1 do io.write(i, " ") end
print()
for i = 1.5, 3.5 do io.write(i, " ") end
print()
for i = 3, 3 do io.write("once ", i) end
print()
local limit = 5
for i = 1, limit do limit = 2 io.write(i, " ") end
print()
for i = 10, 1, -3.5 do io.write(i, " ") end
print()
for i = 1, math.huge do if i > 3 then break end io.write(i, " ") end
print()
for i = -math.huge, -math.huge do print("never?") break end
