local function worker(n)
  for i = 1, n do
    coroutine.yield(i * 10)
  end
  return "done"
end

local co = coroutine.create(worker)
local function pump()
  local ok, v = coroutine.resume(co, 2)
  return v
end
print(pump())
print(pump())
