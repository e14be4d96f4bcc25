-- many varargs (stack growth)
local function count(...) return select('#', ...) end
local big = {}
for i = 1, 200 do big[i] = i end
print(count(unpack(big)))
local function sum(...)
  local s = 0
  local t = {...}
  for i = 1, #t do s = s + t[i] end
  return s
end
print(sum(unpack(big)))
local function last(...) return (select(select('#', ...), ...)) end
print(last(unpack(big)))
local function rev(...)
  local n = select('#', ...)
  local t = {}
  for i = 1, n do t[n - i + 1] = (select(i, ...)) end
  return unpack(t, 1, n)
end
print(rev(1, 2, 3, 4, 5))
print(select('#', rev(unpack(big))))
