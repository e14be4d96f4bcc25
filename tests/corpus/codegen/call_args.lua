-- call argument forms: string, table, long string, method variants
local function show(...)
  local out = {}
  for i = 1, select('#', ...) do
    local v = select(i, ...)
    out[i] = type(v) == "table" and ("t" .. #v) or tostring(v)
  end
  return table.concat(out, ",")
end
print(show"x", show'y', show[[z]], show[==[w]==])
print(show{}, show{1, 2}, show{n = 1}, show{...})
local o = {show = function(self, ...) return show(...) end}
print(o:show"s", o:show{1}, o:show[[l]], o:show())
print(show(show"a"), show(o:show{1, 2, 3}))
print(type"x", tostring{} ~= nil)
local r = show"a" .. show{} .. o:show"b"
print(r)
local mk = function(s) return function(t) return s .. #t end end
print(mk"prefix"{1, 2, 3})
print(("%s|%s"):format("a", "b"), ("x"):rep(3):upper())
print(#show{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
