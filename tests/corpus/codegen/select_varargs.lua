-- select('#', ...) and vararg forwarding
local function count(...) return select('#', ...) end
local function last(...)
  local n = select('#', ...)
  if n == 0 then return nil end
  return (select(n, ...))
end
print(count(), count(nil), count(1, nil), count(count()))
print(last(), last(1), last(1, 2, 3), last(nil, nil, "x"))
local function each(...)
  local out = {}
  for i = 1, select('#', ...) do out[#out + 1] = tostring((select(i, ...))) end
  return table.concat(out, " ")
end
print(each(1, nil, "three", false))
local function shift(...) return select(2, ...) end
print(shift(1, 2, 3), (shift(1, 2, 3)))
local function dots_in_table(...) return {...}, {n = select('#', ...), ...} end
local a, b = dots_in_table(4, 5, nil)
print(#a >= 2, b.n)
local function dots_in_expr(...) return ... + 1, (...) .. "", #{...} end
print(dots_in_expr(10, 20))
