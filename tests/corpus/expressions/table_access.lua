-- indexing expressions of all kinds
local t = {a = 1, b = {c = {d = "deep"}}, [1] = "one", [2.5] = "twofive", ["key with space"] = 7}
print(t.a, t["a"], t[1], t[2.5], t["key with space"])
print(t.b.c.d, t["b"]["c"]["d"], t.b["c"].d)
local k = "a"
print(t[k], t[k .. ""], t[("b")].c.d)
local i = 1
print(t[i], t[i + 0], t[i * 1.0], t[2 / 2])
g = {x = {y = {z = 99}}}
print(g.x.y.z, g["x"].y["z"])
local m = {}
m[1], m[2], m[3] = "p", "q", "r"
print(m[1] .. m[2] .. m[3])
m.f = function(self, v) return v * 2 end
print(m:f(21), m.f(m, 4))
print(t.missing, t.b.missing, pcall(function() return t.missing.x end))
local long = {}
long.a1 = 1; long.a2 = 2; long["a" .. 3] = 3
print(long.a1 + long.a2 + long.a3)
print(({10, 20, 30})[2], ({n = 5}).n, ("xyz"):upper())
