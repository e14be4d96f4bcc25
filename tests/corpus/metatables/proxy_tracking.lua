-- proxy table counting accesses with __index/__newindex/__len-less length
local function track(t)
  local proxy = {}
  local reads, writes = 0, 0
  local mt = {
    __index = function(_, k) reads = reads + 1; return t[k] end,
    __newindex = function(_, k, v) writes = writes + 1; t[k] = v end,
  }
  setmetatable(proxy, mt)
  return proxy, function() return reads, writes end
end
local p, stats = track({1, 2, 3})
local s = p[1] + p[2] + p[3]
p[4] = s
p[1] = 0
print(s, p[4], stats())
print(#p)
