-- and/or/not mixed with comparisons as conditions of if/while/repeat
local function test(a, b, c)
  local r = {}
  if a and b then r[#r + 1] = "a&b" end
  if a or b then r[#r + 1] = "a|b" end
  if not a then r[#r + 1] = "!a" end
  if not (a and b) then r[#r + 1] = "!(a&b)" end
  if not a and not b then r[#r + 1] = "!a&!b" end
  if a and b or c then r[#r + 1] = "a&b|c" end
  if a and (b or c) then r[#r + 1] = "a&(b|c)" end
  if (a or b) and c then r[#r + 1] = "(a|b)&c" end
  if a == b then r[#r + 1] = "a==b" end
  if a ~= b and b ~= c then r[#r + 1] = "a~=b~=c" end
  if not (a == b) or c then r[#r + 1] = "!(a==b)|c" end
  if not not a then r[#r + 1] = "!!a" end
  if (a) then r[#r + 1] = "(a)" end
  return table.concat(r, " ")
end
local vals = {true, false, nil}
for i = 1, 3 do for j = 1, 3 do for k = 1, 3 do
  print(tostring(vals[i]), tostring(vals[j]), tostring(vals[k]), test(vals[i], vals[j], vals[k]))
end end end
local n = 0
while n < 10 and (n % 7 ~= 6 or n == 0) do n = n + 1 end
print(n)
repeat n = n - 1 until n < 3 or not (n > 0)
print(n)
