-- an error inside a coroutine.wrap generator propagates to the main chunk
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i) end
  local t = nil
  coroutine.yield(t.value)
end)
for i = 1, 5 do
  print("got", gen())
end
