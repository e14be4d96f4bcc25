-- ipairs' iterator called directly, with what a generic for never passes it: checked as 5.1's
-- ipairsaux checks (the integer argument first, then the table), never a crash
local f = ipairs({})
print(pcall(f, nil, 0))
print(pcall(f, {}, "x"))
print(pcall(f, nil, "x"))
print(pcall(f, {5}, "0"))
print(pcall(f, {5}, 0.5))
print(pcall(f, {5, 6}, 1.7))
print(pcall(f, {5, 6}, -0.0))
print(pcall(f, {5, 6}, 2^32))
print(pcall(f, {5, 6}, -1))
print(pcall(f, {[3] = "h"}, 2))
print(pcall(f, {5}))
print(pcall(f))
local t = {1, 2, 3, nil, 5}
local n = 0
for i, v in ipairs(t) do n = n + i * v end
print(n)
