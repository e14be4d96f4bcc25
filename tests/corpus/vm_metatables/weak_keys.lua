-- weak-keyed tables: entries go away when the key object is unreachable
local props = setmetatable({}, {__mode = "k"})
local a, b = {}, {}
props[a] = "a's data"
props[b] = "b's data"
props["name"] = "string keys stay"
props[1] = "number keys stay"
b = nil
collectgarbage()
local n = 0
for k, v in pairs(props) do n = n + 1 end
print(n, props[a], props.name, props[1])
-- a value referring to its own key keeps nothing alive in 5.1? (ephemerons are 5.2)
local e = setmetatable({}, {__mode = "k"})
do
  local key = {}
  e[key] = {ref = key}
end
collectgarbage()
local count = 0
for _ in pairs(e) do count = count + 1 end
print("self-referencing entry count:", count)
-- fully weak table
local kv = setmetatable({}, {__mode = "kv"})
local held = {}
kv[held] = {}
kv[{}] = held
kv.x = held
collectgarbage()
local cnt = 0
for _ in pairs(kv) do cnt = cnt + 1 end
print(cnt, kv.x == held)
-- the mode string is read from the metatable
print(getmetatable(kv).__mode, getmetatable(props).__mode)
