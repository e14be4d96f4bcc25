-- coroutine.wrap as generators
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step or 1 do coroutine.yield(i) end
  end)
end
local out = {}
for i in range(10, 3) do out[#out + 1] = i end
print(table.concat(out, " "))
-- permutations generator
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local function permutations(a)
  return coroutine.wrap(function() permgen(a) end)
end
local count = 0
for p in permutations({"a", "b", "c"}) do
  count = count + 1
  print(count, table.concat(p))
end
-- generator of pairs of values
local function kv(t)
  return coroutine.wrap(function()
    local keys = {}
    for k in pairs(t) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do coroutine.yield(k, t[k]) end
  end)
end
for k, v in kv({z = 26, a = 1, m = 13}) do print(k, v) end
-- wrap passes arguments to yield's results
local acc = coroutine.wrap(function(first)
  local total = first
  while true do
    local nxt = coroutine.yield(total)
    total = total + nxt
  end
end)
print(acc(1), acc(2), acc(3), acc(4))
