-- nested pcall, rethrowing, and cleanup patterns
local log = {}
local function risky(n)
  if n > 2 then error("too big: " .. n, 0) end
  return n * 10
end
for i = 1, 4 do
  local ok, r = pcall(risky, i)
  log[#log + 1] = tostring(ok) .. ":" .. tostring(r)
end
print(table.concat(log, " "))
local ok, e = pcall(function()
  local ok2, e2 = pcall(function() error("inner", 0) end)
  error("outer after " .. e2, 0)
end)
print(ok, e)
local function finally(body, cleanup)
  local res = {pcall(body)}
  cleanup()
  if not res[1] then error(res[2], 0) end
  return unpack(res, 2)
end
print(pcall(finally, function() return 1, 2 end, function() print("cleanup 1") end))
print(pcall(finally, function() error("fail", 0) end, function() print("cleanup 2") end))
local count = 0
local function recurse() count = count + 1; return pcall(recurse) end
print(pcall(function() return 1 end))
