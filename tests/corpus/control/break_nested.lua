-- break only exits the innermost loop
local out = {}
for i = 1, 5 do
  for j = 1, 5 do
    if j > i then break end
    if (i + j) % 4 == 0 then break end
    out[#out + 1] = i .. j
  end
  if i == 4 then break end
end
print(table.concat(out, " "))
local found
for _, row in ipairs({{1, 2}, {3, 4}, {5, 6}}) do
  for _, v in ipairs(row) do
    if v == 4 then found = v break end
  end
  if found then break end
end
print(found)
local k = 0
while true do
  k = k + 1
  repeat
    k = k + 1
    if k > 3 then break end
  until false
  if k > 10 then break end
end
print(k)
