-- a round-robin scheduler over several tasks
local tasks = {}
local output = {}
local function spawn(name, steps)
  tasks[#tasks + 1] = {name = name, co = coroutine.create(function()
    for i = 1, steps do
      output[#output + 1] = name .. i
      coroutine.yield()
    end
    return name .. " finished"
  end)}
end
spawn("a", 3)
spawn("b", 1)
spawn("c", 4)
spawn("d", 2)
local finished = {}
while #tasks > 0 do
  local i = 1
  while i <= #tasks do
    local t = tasks[i]
    local ok, res = coroutine.resume(t.co)
    assert(ok)
    if coroutine.status(t.co) == "dead" then
      finished[#finished + 1] = res
      table.remove(tasks, i)
    else
      i = i + 1
    end
  end
end
print(table.concat(output, " "))
print(table.concat(finished, ", "))
-- many short-lived coroutines
local total = 0
for i = 1, 500 do
  local co = coroutine.create(function(x) local y = coroutine.yield(x * 2); return x + y end)
  local _, a = coroutine.resume(co, i)
  local _, b = coroutine.resume(co, a)
  total = total + b
end
print(total)
