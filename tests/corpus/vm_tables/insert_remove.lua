-- table.insert and table.remove in all their forms
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
table.insert(t, 1, "start")
table.insert(t, #t + 1, "end")
print(#t, table.concat(t, " "))
print(table.remove(t), #t, table.concat(t, " "))
print(table.remove(t, 1), #t, table.concat(t, " "))
print(table.remove(t, 2), #t, table.concat(t, " "))
print(table.remove(t), table.remove(t), #t)
print(table.remove(t), #t)
print(table.remove({}), select("#", table.remove({})))
-- insert returns nothing
print(select("#", table.insert({}, 1)))
-- removing at #t + 1 and beyond
local u = {1, 2, 3}
print(table.remove(u, 4), #u)
print(table.remove(u, 10), #u)
-- inserting at a position beyond the end (5.1 allows it)
local v = {1, 2}
table.insert(v, 5, "five")
print(#v == 2 or #v == 5, v[5])
-- insert with nil value
local w = {1, 2, 3}
table.insert(w, nil)
print(#w)
-- using insert/remove as a queue
local queue = {}
for i = 1, 5 do table.insert(queue, i) end
local out = {}
while #queue > 0 do out[#out + 1] = table.remove(queue, 1) end
print(table.concat(out, ","))
-- numeric string positions are accepted
local x = {"a", "b"}
table.insert(x, "1", "z")
print(table.concat(x, ""))
print(pcall(table.insert, x, "p", "q"))
