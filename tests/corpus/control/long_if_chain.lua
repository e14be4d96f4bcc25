-- a long if/elseif chain (many jumps)
local function name(n)
  if n == 1 then return "one"
  elseif n == 2 then return "two"
  elseif n == 3 then return "three"
  elseif n == 4 then return "four"
  elseif n == 5 then return "five"
  elseif n == 6 then return "six"
  elseif n == 7 then return "seven"
  elseif n == 8 then return "eight"
  elseif n == 9 then return "nine"
  elseif n == 10 then return "ten"
  elseif n == 11 then return "eleven"
  elseif n == 12 then return "twelve"
  elseif n == 13 then return "thirteen"
  elseif n == 14 then return "fourteen"
  elseif n == 15 then return "fifteen"
  elseif n == 16 then return "sixteen"
  elseif n == 17 then return "seventeen"
  elseif n == 18 then return "eighteen"
  elseif n == 19 then return "nineteen"
  elseif n == 20 then return "twenty"
  else return "many"
  end
end
local out = {}
for i = 0, 21 do out[#out + 1] = name(i) end
print(table.concat(out, " "))
local function grade(s)
  local g
  if s >= 90 then g = "A" elseif s >= 80 then g = "B" elseif s >= 70 then g = "C"
  elseif s >= 60 then g = "D" else g = "F" end
  return g
end
for _, s in ipairs({95, 85, 75, 65, 55, 90, 80}) do io.write(grade(s)) end
print()
