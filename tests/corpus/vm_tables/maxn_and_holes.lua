-- table.maxn looks at every positive numeric key
print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[10] = 1}), table.maxn({[1.5] = 1}))
print(table.maxn({[-5] = 1}), table.maxn({a = 1, [3] = 2}), table.maxn({1, 2, [100] = 3, [50] = 4}))
local t = {}
t[1], t[2], t[1000] = "a", "b", "c"
print(table.maxn(t), t[1000])
t[1000] = nil
print(table.maxn(t))
print(table.maxn({[2^40] = true}), table.maxn({[0] = 1}), table.maxn({[1e300] = 1}))
-- holes: values can be nil in the middle, reading them gives nil
local h = {}
h[1] = 1; h[3] = 3; h[5] = 5
print(h[1], h[2], h[3], h[4], h[5], table.maxn(h))
local cnt = 0
for _ in pairs(h) do cnt = cnt + 1 end
print(cnt)
print(pcall(table.maxn, nil))
