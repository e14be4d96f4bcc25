-- missing parameters are nil, extra arguments are dropped
local function three(a, b, c) return a, b, c end
print(three())
print(three(1))
print(three(1, 2, 3, 4, 5))
local function count_params(a, b) return select("#", a, b) end
print(count_params(), count_params(1, 2, 3))
-- parameters are ordinary locals
local function mutate(x) x = x * 2; return x end
local v = 5
print(mutate(v), v)
-- tables are passed by reference
local function fill(t) t[#t + 1] = "added" end
local tt = {}
fill(tt); fill(tt)
print(#tt, tt[2])
-- call syntax sugar: string and table arguments
local function id(...) return ... end
print(id"string arg", id[[long string arg]], #id{1, 2, 3})
local obj = {name = "obj"}
function obj:greet(greeting) return (greeting or "hi") .. " " .. self.name end
print(obj:greet"hello", obj.greet(obj), obj.greet({name = "other"}, "hey"))
print(pcall(function() return obj:greet{} end))
-- the same function called with varying argument counts in a loop
local function sum(a, b, c, d) return (a or 0) + (b or 0) + (c or 0) + (d or 0) end
local args = {}
for i = 1, 6 do
  args[i] = i
  io.write(sum(unpack(args, 1, i)), " ")
end
print()
-- argument evaluation order is left to right
local order = {}
local function note(x) order[#order + 1] = x; return x end
local function take(...) return select("#", ...) end
print(take(note(1), note(2), note(3)), table.concat(order, ""))
