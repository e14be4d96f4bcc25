-- 5.1 cannot yield across pcall, metamethods or C functions
local function try(label, f)
  local co = coroutine.create(f)
  print(label, coroutine.resume(co))
end
try("pcall", function() return pcall(coroutine.yield, 1) end)
try("pcall body", function() return pcall(function() coroutine.yield(1) end) end)
try("xpcall", function() return xpcall(function() coroutine.yield(1) end, function(m) return "handler: " .. m end) end)
try("__index", function()
  local t = setmetatable({}, {__index = function(t, k) coroutine.yield(k) end})
  return t.key
end)
try("__add", function()
  local t = setmetatable({}, {__add = function() coroutine.yield("add") end})
  return t + 1
end)
try("__lt", function()
  local m = {__lt = function() coroutine.yield("lt") end}
  return setmetatable({}, m) < setmetatable({}, m)
end)
try("__concat", function()
  local t = setmetatable({}, {__concat = function() coroutine.yield("cat") end})
  return t .. "x"
end)
try("__call", function()
  local t = setmetatable({}, {__call = function() coroutine.yield("called"); return "after" end})
  return t()
end)
try("sort", function()
  local list = {3, 2, 1}
  table.sort(list, function(a, b) coroutine.yield("cmp"); return a < b end)
end)
try("gsub", function()
  return (string.gsub("abc", "%w", function(c) coroutine.yield(c) end))
end)
try("tostring", function()
  return tostring(setmetatable({}, {__tostring = function() coroutine.yield("ts") end}))
end)
try("iterator", function()
  for k in function() coroutine.yield("iter"); return nil end do end
  return "loop finished"
end)
