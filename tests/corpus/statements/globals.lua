-- global variable access and _G
gx = 5
print(gx, _G.gx, _G["gx"])
_G.gy = 7
print(gy)
gx, gy = gy, gx
print(gx, gy)
gz = nil
print(gz, rawget(_G, "gz"))
local name = "dyn" .. 1
_G[name] = "dynamic"
print(dyn1)
function gfun(a) return a + 1 end
print(gfun(1), _G.gfun(2))
local count = 0
for k, v in pairs({gx = 1, gy = 1, gfun = 1, dyn1 = 1}) do
  if _G[k] ~= nil then count = count + 1 end
end
print(count)
setfenv(1, setmetatable({}, {__index = _G}))
newglobal = 1
print(newglobal, _G.newglobal)
