-- table.sort with a Lua comparator: every comparison is a VM frame the debugger can step into
local people = {
  {name = "ada", age = 36}, {name = "bob", age = 25}, {name = "cy", age = 41},
  {name = "dee", age = 25}, {name = "eve", age = 30}, {name = "fay", age = 19},
}
local calls = 0
table.sort(people, function(a, b)
  calls = calls + 1
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for i, p in ipairs(people) do io.write(p.name, ":", p.age, i < #people and " " or "\n") end
print("comparisons", calls)
-- a comparator through __lt metamethods
local V = {}
V.__index = V
V.__lt = function(a, b) return a.v < b.v end
local vs = {}
for i, v in ipairs({5, 3, 8, 1, 9, 2}) do vs[i] = setmetatable({v = v}, V) end
table.sort(vs)
local out = {}
for i, v in ipairs(vs) do out[i] = v.v end
print(table.concat(out, " "))
-- an invalid order function is caught by pcall
print(pcall(table.sort, {3, 2, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12}, function(a, b) return true end))
