-- assignments where an earlier indexed target uses a local assigned later
local t = {}
local i = 1
t[i], i = "first", 2
print(t[1], t[2], i)
local a = {x = 0}
local old = a
a.x, a = 10, {x = 20}
print(old.x, a.x)
local k = "p"
local m = {}
m[k], m[k .. "q"], k = 1, 2, "z"
print(m.p, m.pq, m.z, k)
local u, v = {}, {}
u[v], v = "keyed by old v", "now a string"
local n = 0
for key, val in pairs(u) do n = n + 1 end
print(n, v)
local s = {}
s.a, s.b, s = 1, 2, {}
print(s.a, s.b)
local up = {}
local function f()
  local j = 1
  up[j], j = "u1", 5
  return j
end
print(f(), up[1])
local arr = {1, 2, 3}
local idx = 1
arr[idx], arr[idx + 1], idx = arr[idx + 1], arr[idx], 3
print(arr[1], arr[2], arr[3], idx)
