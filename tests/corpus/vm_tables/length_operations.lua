-- # after appends, removals and reverse fills
local t = {}
for i = 1, 10 do t[#t + 1] = i * i end
print(#t, t[#t])
t[#t] = nil
print(#t)
t[#t] = nil
t[#t] = nil
print(#t, t[#t])
-- filling from the end down to 1
local r = {}
for i = 10, 1, -1 do r[i] = i end
print(#r, r[1], r[10])
-- removing from the front with table.remove keeps it a sequence
local q = {"a", "b", "c", "d"}
table.remove(q, 1)
print(#q, q[1], q[3], q[4])
-- setting the last element to nil shrinks the border
local u = {1, 2, 3}
u[3] = nil
print(#u)
u[3] = 3
print(#u)
-- adding past the end by one extends
u[4] = 4
print(#u)
-- a table used as a stack
local stack = {}
for i = 1, 50 do stack[#stack + 1] = i end
for i = 1, 20 do stack[#stack] = nil end
print(#stack, stack[#stack])
-- mixed hash/array: string keys do not count
local m = {1, 2, 3}
m.a, m.b = "a", "b"
m[4] = 4
print(#m)
