-- varargs at the end and in the middle of table constructors
local function mk(...)
  local a = {...}
  local b = {..., "end"}
  local c = {"start", ...}
  local d = {n = select('#', ...), ...}
  local e = {(...)}
  return #a, #b, #c, d.n, #e
end
print(mk(1, 2, 3))
print(mk())
print(mk("only"))
local function nested(...) return {{...}, {...}} end
local r = nested(5, 6)
print(#r, #r[1], r[2][2])
