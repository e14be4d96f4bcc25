-- GETTABLE/SETTABLE with constant, register and upvalue keys and values
local t = {}
local k = "key"
local n = 3
t.a = 1
t["b"] = 2
t[k] = 3
t[n] = 4
t[1] = t.a
t[2] = t[n]
t[n + 1] = t[k] + t["b"]
t.nested = {}
t.nested.deep = {}
t.nested.deep.value = "v"
t.nested["deep"]["other"] = t.nested.deep.value .. "2"
print(t.a, t.b, t.key, t[1], t[2], t[3], t[4], t.nested.deep.value, t.nested.deep.other)
local up = {}
local function setter(kk, v) up[kk] = v; up.last = kk end
setter("x", 10)
setter(5, 20)
print(up.x, up[5], up.last)
gt = {}
gt.f = 1
gt[gt.f] = "one"
gt[gt[1]] = "indirect"
print(gt.f, gt[1], gt.one)
t[true] = "bool key"
t[1.5] = "float key"
t[-1] = "negative key"
print(t[true], t[1.5], t[-1])
local m = {{}, {}}
m[1][1], m[2][2] = "a", "b"
m[1].x = m[2][2]
print(m[1][1], m[2][2], m[1].x)
local idx = {3, 1, 2}
local vals = {"c", "a", "b"}
local out = {}
for i = 1, 3 do out[idx[i]] = vals[i] end
print(table.concat(out))
