-- strings index the string table through their shared metatable
local s = "Hello"
print(s:upper(), s:len(), s:sub(2, 3), s:rep(2, nil), ("x"):byte())
print(("%d-%s"):format(5, "x"), ("a,b,c"):find(",", 1, true), #s:lower())
-- string.x added later is visible as a method
function string.shout(str) return str:upper() .. "!" end
print(s:shout(), ("abc"):shout())
-- indexing a string with a non-method key gives nil
print(s.nothing, s[1], ("abc").len == string.len)
-- changing the __index of the string metatable
local smt = getmetatable("")
local old = smt.__index
smt.__index = function(str, k)
  if type(k) == "number" then return str:sub(k, k) end
  return old[k]
end
print(s[1], s[5], s[6], s:upper())
smt.__index = old
print(s[1])
-- arithmetic metamethods on strings do not exist in 5.1: coercion happens instead
print("10" + 5, pcall(function() return "a" + 1 end))
string.shout = nil
print(pcall(function() return s:shout() end))
