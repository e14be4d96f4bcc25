-- all shapes of if statements
local function classify(n)
  if n < 0 then
    return "negative"
  elseif n == 0 then
    return "zero"
  elseif n < 10 then
    return "small"
  elseif n < 100 then
    return "medium"
  else
    return "large"
  end
end
for _, v in ipairs({-5, 0, 3, 42, 1000}) do print(v, classify(v)) end
local x = 3
if x then print("truthy") end
if not x then print("never") else print("else branch") end
if x == 1 then print(1) elseif x == 2 then print(2) elseif x == 3 then print(3) end
if false then elseif nil then else print("only else") end
if x > 1 then if x > 2 then if x > 3 then print(">3") else print("3") end end end
local r
if x % 2 == 0 then r = "even" else r = "odd" end
print(r)
if nil then print("a") end
if 0 then print("zero is true") end
if "" then print("empty string is true") end
