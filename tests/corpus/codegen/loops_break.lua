-- while/repeat with break, conditions with constants
local i = 0
while true do
  i = i + 1
  if i > 5 then break end
end
print(i)
i = 0
while 1 do i = i + 1 if i == 3 then break end end
print(i)
repeat i = i + 1 if i == 6 then break end until false
print(i)
repeat i = i + 1 until true
print(i)
while false do print("never") end
while nil do print("never") end
repeat i = i * 2 until i > 100
print(i)
local n = 0
for _ = 1, 10 do
  while true do
    n = n + 1
    if n % 3 == 0 then break end
  end
  if n > 20 then break end
end
print(n)
local function find(t, v)
  local idx = 1
  while t[idx] do
    if t[idx] == v then break end
    idx = idx + 1
  end
  return t[idx] and idx or nil
end
print(find({5, 6, 7}, 7), find({5, 6, 7}, 8))
