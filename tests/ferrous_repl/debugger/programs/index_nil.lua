local t = {}
local x = t.y.z
print(x)
