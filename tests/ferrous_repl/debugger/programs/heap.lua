local keep = {10, 20, 30}
do
  local tmp = {"a", "b"}
  tmp[3] = "c"
end
local f = function() return keep end
print(#keep, f() == keep)
