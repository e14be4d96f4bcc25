-- pcall inside pcall: inner errors are caught where raised
local log = {}
local function note(s) log[#log + 1] = s end
local r = {pcall(function()
  note("outer start")
  local ok, e = pcall(function()
    note("inner start")
    error("inner failure")
  end)
  note("inner caught: " .. tostring(ok) .. " " .. e)
  local ok2, e2 = pcall(pcall, error, "double")
  note("pcall(pcall): " .. tostring(ok2) .. " " .. tostring(e2))
  error("outer failure", 0)
end)}
print(r[1], r[2])
for i, s in ipairs(log) do print(i, s) end
-- re-raising keeps the original message
local function rethrow()
  local ok, e = pcall(error, "original", 0)
  error(e, 0)
end
print(pcall(rethrow))
-- rethrow adding position twice
local function rethrow_pos()
  local ok, e = pcall(function() error("first") end)
  error(e)
end
print(pcall(rethrow_pos))
-- deep nesting
local function nest(n)
  if n == 0 then error("bottom", 0) end
  local ok, e = pcall(nest, n - 1)
  return error(e .. "<" .. n, 0)
end
print(pcall(nest, 6))
-- pcall results after success with many values
print(pcall(pcall, pcall, function() return 1, 2, 3 end))
print(pcall(pcall))
print(select("#", pcall(function() end)))
