-- __concat with mixed operands and chains
local mt = {}
mt.__concat = function(a, b)
  local sa = type(a) == "table" and ("[" .. a.s .. "]") or tostring(a)
  local sb = type(b) == "table" and ("[" .. b.s .. "]") or tostring(b)
  return sa .. sb
end
local A = setmetatable({s = "A"}, mt)
local B = setmetatable({s = "B"}, mt)
print(A .. B)
print("x" .. A .. "y" .. B .. "z")
print(1 .. A, A .. 2)
print(A .. B .. A)
