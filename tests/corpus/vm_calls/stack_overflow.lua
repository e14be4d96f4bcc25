-- unbounded recursion inside pcall reports a stack overflow
local function forever(n) return 1 + forever(n + 1) end
local ok, msg = pcall(forever, 1)
print(ok, type(msg), msg:find("stack overflow", 1, true) ~= nil)
-- recursion through a method
local obj = {}
function obj:rec() return self:rec() + 1 end
ok, msg = pcall(obj.rec, obj)
print(ok, msg:find("stack overflow", 1, true) ~= nil)
-- recursion through __index
local t = setmetatable({}, {})
getmetatable(t).__index = function(tbl, k) return tbl[k .. "x"] end
ok, msg = pcall(function() return t.a end)
print(ok, msg:find("stack overflow", 1, true) ~= nil)
-- the program continues normally afterwards
local function fine(n) if n == 0 then return "ok" end return fine(n - 1) end
print(fine(100))
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
