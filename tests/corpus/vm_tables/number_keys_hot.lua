-- t[k] and t[k] = v with number keys in hot loops (the compiled tier reads and writes the
-- array part inline): keys inside and outside the array part, fractions, zero, negatives,
-- nil stored into the array part, tables with __index/__newindex, and a NaN key's error
local t = {}
for i = 1, 50 do t[i] = i * 2 end
local s = 0
for i = 1, 60 do s = s + (t[i] or -1) end
print("sum", s, #t)
for i = 0.5, 55.5 do t[i] = i end
for i = -3, 0 do t[i] = i end
print(t[0.5], t[1.5], t[1], t[50], t[51], t[-3], t[0], #t)
for i = 1, 50, 7 do t[i] = nil end
local holes = 0
for i = 1, 50 do if t[i] == nil then holes = holes + 1 end end
print("holes", holes)
local log = {}
local proxy = setmetatable({10, 20, 30}, {
  __index = function(_, k) log[#log + 1] = "get " .. k return k * 100 end,
  __newindex = function(raw, k, v) log[#log + 1] = "set " .. k rawset(raw, k, v) end,
})
for i = 1, 6 do proxy[i] = (proxy[i] or 0) + 1 end
print(table.concat(log, ","), proxy[1], proxy[4], proxy[6])
local inherit = setmetatable({}, {__index = {7, 8, 9}})
local acc = 0
for i = 1, 4 do acc = acc + (inherit[i] or 0) end
print("inherit", acc)
for i = 1, 3 do
  local ok, err = pcall(function() local k = i - i - (0/0 == 0/0 and 0 or 0/0) t[k] = 1 end)
  print(ok, err)
end
local big = {}
for i = 1, 2000 do big[i] = i end
for i = 2000, 1, -1 do big[i] = big[i] + big[2001 - i] end
print(big[1], big[1000], big[2000], #big)
