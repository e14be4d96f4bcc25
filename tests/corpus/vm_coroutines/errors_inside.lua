-- an error inside a coroutine: resume returns false and the message
local co = coroutine.create(function(x)
  coroutine.yield(x)
  local t = nil
  return t.field
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co))
print(coroutine.status(co))
print(coroutine.resume(co))
-- error values of other types
local ok, e = coroutine.resume(coroutine.create(function() error({code = 7}) end))
print(ok, type(e), e.code)
print(coroutine.resume(coroutine.create(function() error("plain", 0) end)))
print(coroutine.resume(coroutine.create(function() error() end)))
print(coroutine.resume(coroutine.create(function() error(12) end)))
-- errors inside pcall inside a coroutine are caught there
local co2 = coroutine.create(function()
  local ok, msg = pcall(error, "caught inside")
  coroutine.yield(ok, msg)
  return "still alive"
end)
print(coroutine.resume(co2))
print(coroutine.resume(co2))
-- the error position is where it happened inside the coroutine body
local co3 = coroutine.create(function()
  local function helper() return 1 + nil end
  helper()
end)
print(coroutine.resume(co3))
