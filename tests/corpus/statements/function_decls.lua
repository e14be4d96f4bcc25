-- function declaration statements: global, field, method, local
function gf(a) return "gf" .. a end
local lib = {sub = {deep = {}}}
function lib.f(a) return "lib.f" .. a end
function lib.sub.g(a) return "lib.sub.g" .. a end
function lib.sub.deep.h(a) return "deep.h" .. a end
function lib.sub.deep:m(a) return self == lib.sub.deep, a end
function lib:count() local n = 0 for _ in pairs(self) do n = n + 1 end return n end
local function lf(n) if n <= 1 then return 1 end return n * lf(n - 1) end
local lv = function(n) return n end
print(gf(1), lib.f(2), lib.sub.g(3), lib.sub.deep.h(4))
print(lib.sub.deep:m(5))
print(lib:count())
print(lf(10), lv(7))
local function shadow() return "first" end
local function shadow() return "second" end
print(shadow())
