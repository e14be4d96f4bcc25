-- strings that do not convert: arithmetic raises an error naming the operand
local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end
try(function() return "abc" + 1 end)
try(function() local s = "10a"; return s * 2 end)
try(function() local s = ""; return 1 - s end)
try(function() local s = " "; return s / 2 end)
try(function() return -"x" end)
try(function(a, b) return a % b end, "7", "seven")
try(function(a) return 2 ^ a end, "1..2")
try(function() return "0x" + 0 end)
try(function() return "1e" + 0 end)
try(function() return "1 2" + 0 end)
-- the number-like string still works in the same expression
print(pcall(function() return "3" + "4" end))
-- tonumber gives nil for the same strings
print(tonumber("abc"), tonumber("10a"), tonumber(""), tonumber(" "), tonumber("0x"), tonumber("1 2"))
