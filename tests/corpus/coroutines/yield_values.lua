-- passing many values across resume/yield
local co = coroutine.wrap(function(...)
  local args = {...}
  while true do
    local n = #args
    args = {coroutine.yield(n, unpack(args))}
    if #args == 0 then return "end" end
  end
end)
print(co(1, 2, 3))
print(co("a"))
print(co("x", "y", "z"))
print(co())
print(pcall(co))
local echo = coroutine.create(function(...)
  local a = {...}
  while true do a = {coroutine.yield(select('#', unpack(a)))} end
end)
print(coroutine.resume(echo, 1, 2))
print(coroutine.resume(echo))
print(coroutine.resume(echo, 1, 2, 3, 4))
