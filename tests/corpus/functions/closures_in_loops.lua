-- each iteration of a loop gets fresh locals for closures
local fs = {}
for i = 1, 3 do fs[#fs + 1] = function() return i end end
for k, v in ipairs({"a", "b"}) do fs[#fs + 1] = function() return k .. v end end
local j = 0
while j < 2 do
  j = j + 1
  local jj = j
  fs[#fs + 1] = function() jj = jj + 10; return jj end
end
for _, f in ipairs(fs) do io.write(tostring(f()), " ") end
print()
print(fs[6](), fs[7]())
