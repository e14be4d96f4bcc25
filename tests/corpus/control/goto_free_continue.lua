-- emulating 'continue' without goto (5.1 has none)
local out = {}
for i = 1, 10 do
  repeat
    if i % 3 == 0 then break end
    out[#out + 1] = i
  until true
end
print(table.concat(out, ","))
local odd = {}
local i = 0
while i < 10 do
  i = i + 1
  if i % 2 == 1 then
    odd[#odd + 1] = i
  end
end
print(table.concat(odd, ","))
