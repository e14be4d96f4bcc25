-- nested if/elseif/else generating jump chains
local function classify(a, b)
  if a > 0 then
    if b > 0 then
      return "++"
    elseif b < 0 then
      return "+-"
    else
      return "+0"
    end
  elseif a < 0 then
    if b > 0 then return "-+" elseif b < 0 then return "--" else return "-0" end
  else
    if b ~= 0 then
      if b > 0 then return "0+" end
      return "0-"
    end
  end
  return "00"
end
local out = {}
for a = -1, 1 do for b = -1, 1 do out[#out + 1] = classify(a, b) end end
print(table.concat(out, " "))
local function noreturns(x)
  local r
  if x == 1 then r = "one" elseif x == 2 then r = "two" end
  if x > 0 then
    if x > 1 then
      if x > 2 then r = (r or "") .. ">2" else r = r .. "=2" end
    else
      r = r .. "=1"
    end
  else
    r = "nonpos"
  end
  return r
end
print(noreturns(1), noreturns(2), noreturns(3), noreturns(0))
local function empty_branches(x)
  if x then else end
  if x then elseif not x then end
  if x then end
  return "ok"
end
print(empty_branches(true), empty_branches(nil))
