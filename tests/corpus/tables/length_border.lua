-- # on tables built sequentially (only well-defined borders are printed)
local t = {}
for i = 1, 20 do t[#t + 1] = i end
print(#t)
while #t > 0 do t[#t] = nil end
print(#t)
local s = {n = 0}
for i = 1, 5 do s.n = s.n + 1; s[s.n] = i * i end
print(#s, s.n)
local u = {1, 2, 3, nil}
print(#u)
local v = {nil, nil, 3}
print(#v)
