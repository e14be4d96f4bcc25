-- unpack with explicit ranges
local t = {"a", "b", "c", "d", "e"}
print(unpack(t))
print(unpack(t, 2))
print(unpack(t, 2, 4))
print(unpack(t, 4, 2))
print(unpack(t, -1, 1))
print(unpack({1, nil, 3}, 1, 3))
print(select('#', unpack({}, 1, 5)))
local a, b, c = unpack(t, 3)
print(a, b, c)
