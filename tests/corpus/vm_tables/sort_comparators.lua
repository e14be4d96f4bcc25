-- table.sort with default and custom comparators (unique keys only)
local nums = {5, 2, 8, 1, 9, 3, 7, 4, 6, 10}
table.sort(nums)
print(table.concat(nums, " "))
table.sort(nums, function(a, b) return a > b end)
print(table.concat(nums, " "))
local words = {"pear", "apple", "fig", "banana", "cherry", "date"}
table.sort(words)
print(table.concat(words, " "))
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(words, " "))
-- sorting records by a field
local people = {{name = "ann", age = 31}, {name = "bob", age = 25}, {name = "cid", age = 40}, {name = "dee", age = 19}}
table.sort(people, function(a, b) return a.age < b.age end)
for _, p in ipairs(people) do io.write(p.name, ":", p.age, " ") end
print()
-- sort a larger permutation
local big = {}
for i = 1, 1000 do big[i] = (i * 7919) % 1000 end
table.sort(big)
local ok = true
for i = 1, 1000 do if big[i] ~= i - 1 then ok = false end end
print(ok, big[1], big[1000])
-- sorting strings by bytes, and numbers as floats
local mixed = {"b", "B", "a", "A", "_", "1"}
table.sort(mixed)
print(table.concat(mixed, ""))
local floats = {0.5, -1.5, 1e10, -1e-10, 3, -0.25}
table.sort(floats)
print(table.concat(floats, " "))
-- sort with 0, 1 and 2 elements
local e, o, two = {}, {1}, {2, 1}
table.sort(e); table.sort(o); table.sort(two)
print(#e, o[1], two[1], two[2])
-- an invalid comparator raising an error
print(pcall(table.sort, {3, 2, 1}, function(a, b) error("cmp error", 0) end))
print(pcall(table.sort, {1, 2}, 42))
