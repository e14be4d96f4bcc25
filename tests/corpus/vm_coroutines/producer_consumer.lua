-- a producer / filter / consumer pipeline
local function producer(items)
  return coroutine.create(function()
    for _, it in ipairs(items) do coroutine.yield(it) end
    return nil
  end)
end
local function receive(prod)
  local ok, v = coroutine.resume(prod)
  return v
end
local function filter(prod, pred)
  return coroutine.create(function()
    while true do
      local v = receive(prod)
      if v == nil then return nil end
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local function mapper(prod, fn)
  return coroutine.create(function()
    while true do
      local v = receive(prod)
      if v == nil then return nil end
      coroutine.yield(fn(v))
    end
  end)
end
local items = {}
for i = 1, 20 do items[i] = i end
local pipeline = mapper(filter(producer(items), function(v) return v % 3 == 0 end), function(v) return v * v end)
local results = {}
while true do
  local v = receive(pipeline)
  if v == nil then break end
  results[#results + 1] = v
end
print(table.concat(results, " "))
print(coroutine.status(pipeline))
-- a consumer-driven design: the consumer is the coroutine
local consumer = coroutine.wrap(function(first)
  local sum, count = first, 1
  while true do
    local v = coroutine.yield(sum / count)
    if v == nil then break end
    sum, count = sum + v, count + 1
  end
  return "final", sum, count
end)
print(consumer(10), consumer(20), consumer(30))
print(consumer(nil))
