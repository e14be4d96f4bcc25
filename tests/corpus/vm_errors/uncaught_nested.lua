-- an uncaught error raised three calls deep
local function level3(x)
  if x > 2 then
    error("value too large: " .. x)
  end
  return x
end
local function level2(x) local r = level3(x + 1); return r end
local function level1(x) local r = level2(x + 1); return r end
print("start")
print(level1(0))
print(level1(1))
print("unreachable")
