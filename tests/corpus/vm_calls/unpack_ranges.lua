-- unpack with explicit ranges and holes
local t = {1, 2, 3, nil, 5}
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 2))
print(select("#", unpack({}, 1, 3)))
print(unpack({}, 1, 3))
print(unpack(t, 1, 5))
print(unpack({"a", "b", "c"}, -1, 1))
print(unpack({n = 3}, 1, 2))
print(select("#", unpack({nil, nil, nil}, 1, 3)))
print(unpack({[0] = "zero", "one"}, 0, 1))
print(unpack({1, 2}, "1", "2"))
-- unpack respects #t when no range is given
local holes = {}
holes[1] = "x"; holes[2] = "y"; holes[4] = "w"
local n = select("#", unpack(holes))
print(n == 2 or n == 4)
-- unpack as the last argument expands, elsewhere it is truncated
print(unpack({1, 2}), unpack({3, 4}))
local r = {unpack({1, 2}), unpack({3, 4})}
print(#r, r[1], r[2], r[3])
-- a large unpack
local big = {}
for i = 1, 200 do big[i] = i end
print(select("#", unpack(big)), (select(200, unpack(big))))
print(pcall(unpack, {}, 1, 1e8))
