-- break must be the last statement in a block (5.1); use do break end in the middle
local i = 0
while true do
  i = i + 1
  if i == 3 then
    do break end
  end
end
print(i)
for j = 1, 10 do
  if j == 2 then break; end
end
local n = 0
repeat
  n = n + 1
  do break end
until false
print(n)
for a = 1, 3 do
  local x = a * 2
  if x > 2 then
    print("breaking at", a)
    break
  end
end
