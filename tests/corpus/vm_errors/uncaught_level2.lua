-- an uncaught error blamed on the caller (level 2) from inside a loop
local function check_positive(v)
  if v <= 0 then error("expected a positive number, got " .. v, 2) end
  return v
end
local values = {3, 2, 1, 0, -1}
local sum = 0
for _, v in ipairs(values) do
  sum = sum + check_positive(v)
  print("sum", sum)
end
