-- several sorting algorithms checked against each other
local function copy(t) local r = {} for i = 1, #t do r[i] = t[i] end return r end
local function bubble(t)
  local n = #t
  repeat
    local swapped = false
    for i = 2, n do
      if t[i - 1] > t[i] then t[i - 1], t[i] = t[i], t[i - 1]; swapped = true end
    end
    n = n - 1
  until not swapped
  return t
end
local function insertion(t)
  for i = 2, #t do
    local v, j = t[i], i - 1
    while j >= 1 and t[j] > v do t[j + 1] = t[j]; j = j - 1 end
    t[j + 1] = v
  end
  return t
end
local function quick(t, lo, hi)
  lo, hi = lo or 1, hi or #t
  if lo < hi then
    local p, i = t[hi], lo - 1
    for j = lo, hi - 1 do
      if t[j] <= p then i = i + 1; t[i], t[j] = t[j], t[i] end
    end
    t[i + 1], t[hi] = t[hi], t[i + 1]
    quick(t, lo, i)
    quick(t, i + 2, hi)
  end
  return t
end
local function merge_sort(t)
  if #t <= 1 then return t end
  local mid = math.floor(#t / 2)
  local l, r = {}, {}
  for i = 1, mid do l[#l + 1] = t[i] end
  for i = mid + 1, #t do r[#r + 1] = t[i] end
  l, r = merge_sort(l), merge_sort(r)
  local out, i, j = {}, 1, 1
  while i <= #l and j <= #r do
    if l[i] <= r[j] then out[#out + 1] = l[i]; i = i + 1 else out[#out + 1] = r[j]; j = j + 1 end
  end
  while i <= #l do out[#out + 1] = l[i]; i = i + 1 end
  while j <= #r do out[#out + 1] = r[j]; j = j + 1 end
  return out
end
local function heap_sort(t)
  local n = #t
  local function sift(start, stop)
    local root = start
    while root * 2 <= stop do
      local child = root * 2
      if child + 1 <= stop and t[child] < t[child + 1] then child = child + 1 end
      if t[root] < t[child] then t[root], t[child] = t[child], t[root]; root = child else return end
    end
  end
  for s = math.floor(n / 2), 1, -1 do sift(s, n) end
  for stop = n, 2, -1 do t[1], t[stop] = t[stop], t[1]; sift(1, stop - 1) end
  return t
end
-- deterministic pseudo-random data (linear congruential generator)
local seed = 12345
local function lcg() seed = (seed * 16807) % 2147483647; return seed end
local data = {}
for i = 1, 200 do data[i] = lcg() % 1000 end
local ref = copy(data)
table.sort(ref)
local algos = {{"bubble", bubble}, {"insertion", insertion}, {"quick", quick}, {"merge", merge_sort}, {"heap", heap_sort}}
for _, a in ipairs(algos) do
  local r = a[2](copy(data))
  local same = #r == #ref
  for i = 1, #ref do if r[i] ~= ref[i] then same = false end end
  print(a[1], same)
end
print(table.concat(ref, " ", 1, 20))
print(table.concat(ref, " ", 181, 200))
