-- # of tables built by constructors (5.1 border search over the array part)
print(#{}, #{1}, #{1, 2, 3}, #{nil}, #{nil, nil})
print(#{1, 2, nil}, #{1, nil}, #{n = 1}, #{[1] = "a", [2] = "b"})
print(#{"a", "b", "c", x = 1, y = 2}, #{[1] = 1, 2}, #{1, 2, 3, nil, nil, nil})
local function f() return 1, 2, 3 end
print(#{f()}, #{f(), f()}, #{(f())}, #{f(), nil})
print(#{unpack({1, 2, 3, 4, 5})}, #{...} == 0)
-- explicit keys
local t = {[1] = 1, [2] = 2, [3] = 3, [4] = 4}
print(#t)
local s = {}
for i = 1, 100 do s[i] = i end
print(#s)
-- a constructor with 60 items (crossing the 50-item SETLIST batch)
local big = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,
  31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60}
print(#big, big[50], big[51], big[60])
-- strings and booleans as values
print(#{"x", false, true}, #{false}, #{false, false})
