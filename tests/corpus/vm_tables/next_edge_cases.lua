-- next over arrays with trailing hash parts, and error cases
local t = {1, 2, 3}
local k, v = next(t)
print(k, v)
k, v = next(t, 1)
print(k, v)
k, v = next(t, 3)
print(k, v)
-- next after clearing a field during traversal continues correctly
local d = {}
for i = 1, 10 do d[i] = i end
local visited = 0
for key in pairs(d) do visited = visited + 1; d[key] = nil end
print(visited, next(d))
-- next with an invalid key
print(pcall(next, {}, "nope"))
print(pcall(next, {1, 2}, 5))
print(pcall(next, nil))
print(pcall(next))
-- emptiness test idiom
local function empty(t) return next(t) == nil end
print(empty({}), empty({false}), empty({nil}), empty({x = nil}))
-- a float key that equals an integer finds the array slot
local a = {10, 20, 30}
print(next(a, 2.0))
