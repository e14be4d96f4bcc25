-- function definitions with dotted names and methods
local a = {b = {c = {}}}
function a.f(x) return "a.f " .. x end
function a.b.f(x) return "a.b.f " .. x end
function a.b.c.f(x) return "a.b.c.f " .. x end
function a.b.c:m(x) return self == a.b.c, "a.b.c:m " .. x end
function a:m(x) return self == a, x end
G = {sub = {}}
function G.sub:m() return "global method" end
function G.plain() return "global field fn" end
print(a.f(1), a.b.f(2), a.b.c.f(3))
print(a.b.c:m(4))
print(a:m(5))
print(G.sub:m(), G.plain())
local obj = {n = 0}
function obj:inc(by) self.n = self.n + (by or 1) return self end
function obj.get(self) return self.n end
obj:inc():inc(5):inc()
print(obj:get(), obj.get(obj))
local function up_user()
  function a.b.dyn() return "defined inside a function" end
end
up_user()
print(a.b.dyn())
