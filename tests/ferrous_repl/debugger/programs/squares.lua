-- squares: a loop to put breakpoints in
local total = 0

for i = 1, 10 do
  local sq = i * i
  total = total + sq
end
print("total", total)
