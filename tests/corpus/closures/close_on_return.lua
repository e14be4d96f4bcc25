-- upvalues are closed when a function returns from within nested blocks
local function gen(n)
  local fs = {}
  for i = 1, n do
    do
      local a = i
      local b = a * 2
      if i % 2 == 0 then
        fs[#fs + 1] = function() return a, b end
      else
        local c = -a
        fs[#fs + 1] = function() return a, c end
      end
    end
  end
  return fs
end
for _, f in ipairs(gen(5)) do print(f()) end
local function early(flag)
  local v = "captured"
  local f = function() return v end
  if flag then return f end
  v = "modified"
  return f
end
print(early(true)(), early(false)())
