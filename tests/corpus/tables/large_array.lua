-- big arrays, growth, rehash and # on them
local t = {}
for i = 1, 1000 do t[i] = i * 2 end
print(#t, t[1], t[500], t[1000])
for i = 1000, 501, -1 do t[i] = nil end
print(#t)
local h = {}
for i = 1, 300 do h["k" .. i] = i end
local s = 0
for k, v in pairs(h) do s = s + v end
print(s)
local m = {}
for i = 1, 50 do m[i] = i; m["s" .. i] = -i end
local si, sh = 0, 0
for k, v in pairs(m) do if type(k) == "number" then si = si + v else sh = sh + v end end
print(si, sh, #m)
local rev = {}
for i = 100, 1, -1 do rev[i] = i end
print(#rev)
