-- upvalues are closed when their block ends, whether by falling off, break or return
local list = {}
for i = 1, 3 do
  do
    local a = i
    list[#list + 1] = function() a = a + 100; return a end
  end
end
print(list[1](), list[1](), list[2](), list[3]())
-- closed by return from inside nested blocks
local function make(n)
  while true do
    local x = n
    if x > 0 then
      local y = x * 2
      return function() return x, y end
    end
    n = n + 1
  end
end
print(make(-2)())
print(make(5)())
-- two closures created in the same block share the variable after closing
local get, set
do
  local hidden = "initial"
  get = function() return hidden end
  set = function(v) hidden = v end
end
set("updated")
print(get())
-- a closure captured in one iteration does not see later iterations
local prev = nil
local outs = {}
for i = 1, 4 do
  local cur = i
  local p = prev
  outs[i] = function() return (p and p() or 0) + cur end
  prev = outs[i]
end
print(outs[1](), outs[2](), outs[3](), outs[4]())
-- closing upvalues while a coroutine holds them open
local co = coroutine.wrap(function()
  local v = 1
  local function bump() v = v + 1; return v end
  coroutine.yield(bump)
  v = 50
  coroutine.yield(bump)
end)
local b1 = co()
print(b1(), b1())
local b2 = co()
print(b2 == b1, b1())
