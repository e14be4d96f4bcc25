-- __gc works for userdata (newproxy) only; tables ignore it in 5.1
local log = {}
local function make(name)
  local u = newproxy(true)
  getmetatable(u).__gc = function() log[#log + 1] = name end
  return u
end
local t = setmetatable({}, {__gc = function() log[#log + 1] = "table" end})
local keep = make("kept")
make("first")
make("second")
make("third")
t = nil
collectgarbage()
collectgarbage()
print(#log, log[1], log[2], log[3], log[4])
-- proxies share a metatable when created from another proxy
local parent = newproxy(true)
getmetatable(parent).__gc = function() print("proxy finalizer (child now, parent at exit)") end
local child = newproxy(parent)
print(getmetatable(child) == getmetatable(parent), type(child))
child = nil
collectgarbage()
print("after collecting child")
-- keep is still alive
print(type(keep), #log)
