-- while loops with break and nested loops
local i = 0
while i < 5 do i = i + 1 end
print(i)
local n = 0
while true do
  n = n + 1
  if n >= 7 then break end
end
print(n)
local out = {}
local a = 1
while a <= 3 do
  local b = 1
  while b <= 3 do
    if b > a then break end
    out[#out + 1] = a .. b
    b = b + 1
  end
  a = a + 1
end
print(table.concat(out, " "))
local k = 10
while k > 0 and k % 7 ~= 0 do k = k - 1 end
print(k)
while false do print("never") end
local fs = {}
local j = 0
while j < 3 do
  j = j + 1
  local captured = j * 100
  fs[j] = function() return captured end
end
print(fs[1](), fs[2](), fs[3]())
