-- __concat with the object on either side, and with numbers
local S = {}
S.__concat = function(a, b)
  local function s(v) if type(v) == "table" then return "<" .. v.tag .. ">" end return tostring(v) end
  return s(a) .. "+" .. s(b)
end
local x = setmetatable({tag = "x"}, S)
local y = setmetatable({tag = "y"}, S)
print(x .. "str", "str" .. x, x .. 1, 1 .. x, x .. y, x .. 1.5)
-- a chain of concatenations is evaluated right to left, so metamethods see partial results
print("a" .. "b" .. x)
print(x .. "a" .. "b")
print("a" .. x .. "b")
print(1 .. 2 .. x .. 3 .. 4)
-- the metamethod result need not be a string
local N = setmetatable({}, {__concat = function(a, b) return 42 end})
print(N .. "z", type(N .. "z"), ("z" .. N) + 1)
-- __concat is not used for numbers/strings, and booleans still error
print(pcall(function() return true .. x end))
print(pcall(function() return nil .. "x" end))
local B = setmetatable({}, {__concat = function(a, b) return type(a) .. "&" .. type(b) end})
print(true .. B, B .. nil, B .. B, {} .. B)
