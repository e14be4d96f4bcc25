-- two closures share the same upvalue; closed after scope exit
local getter, setter
do
  local secret = "initial"
  getter = function() return secret end
  setter = function(v) secret = v end
end
print(getter())
setter("updated")
print(getter())
local fs = {}
for i = 1, 3 do
  local shared = i
  fs[i] = {get = function() return shared end, add = function(d) shared = shared + d end}
end
fs[1].add(10) fs[2].add(20)
print(fs[1].get(), fs[2].get(), fs[3].get())
local function make()
  local x = 0
  local function a() x = x + 1 return x end
  local function b() x = x * 2 return x end
  return a, b
end
local a, b = make()
print(a(), b(), a(), b())
