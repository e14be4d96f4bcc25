-- object -> metadata registry with weak keys
local meta = setmetatable({}, {__mode = "k"})
local function register(obj, info) meta[obj] = info; return obj end
local alive = {}
for i = 1, 6 do
  local o = register({id = i}, "info" .. i)
  if i % 3 == 0 then alive[#alive + 1] = o end
end
collectgarbage()
local ids = {}
for obj, info in pairs(meta) do ids[#ids + 1] = obj.id .. ":" .. info end
table.sort(ids)
print(table.concat(ids, " "))
-- non-collectable keys stay forever
meta["name"] = "stays"
meta[42] = "stays too"
meta[true] = "also"
alive = nil
collectgarbage()
local rest = {}
for k, v in pairs(meta) do rest[#rest + 1] = tostring(k) .. "=" .. v end
table.sort(rest)
print(table.concat(rest, " "))
