-- ... in calls, returns, tables and select
local function count(...) return select('#', ...) end
print(count(), count(nil), count(nil, nil), count(1, 2, 3))
local function pack(...) return {n = select('#', ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local function second(...) return (select(2, ...)) end
print(second("a", "b", "c"))
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-2, "a", "b", "c"))
print(pcall(select, 0, "a"))
local function fwd(...) return ... end
print(fwd(1, 2, 3), fwd(4, 5))
print((fwd(1, 2, 3)))
local function firsttwo(...) local a, b = ... return a, b end
print(firsttwo(7), firsttwo(7, 8, 9))
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(), sum(1), sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
