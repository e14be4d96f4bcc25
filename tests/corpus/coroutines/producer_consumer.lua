-- producer / filter / consumer pipeline
local function producer(items)
  return coroutine.create(function()
    for _, it in ipairs(items) do coroutine.yield(it) end
    return nil
  end)
end
local function receive(p)
  local ok, v = coroutine.resume(p)
  return v
end
local function filter(p, pred)
  return coroutine.create(function()
    while true do
      local v = receive(p)
      if v == nil then return nil end
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local function map(p, f)
  return coroutine.create(function()
    while true do
      local v = receive(p)
      if v == nil then return nil end
      coroutine.yield(f(v))
    end
  end)
end
local src = producer({1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
local pipeline = map(filter(src, function(x) return x % 2 == 1 end), function(x) return x * x end)
local out = {}
while true do
  local v = receive(pipeline)
  if v == nil then break end
  out[#out + 1] = v
end
print(table.concat(out, " "))
