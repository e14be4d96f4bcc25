-- sets with metatable operators: union (+), intersection (*), difference (-)
local Set = {}
Set.__index = Set
local function new(list) local s = setmetatable({items = {}}, Set) for _, v in ipairs(list or {}) do s.items[v] = true end return s end
function Set:tolist() local l = {} for k in pairs(self.items) do l[#l + 1] = k end table.sort(l) return l end
Set.__add = function(a, b) local r = new() for k in pairs(a.items) do r.items[k] = true end for k in pairs(b.items) do r.items[k] = true end return r end
Set.__mul = function(a, b) local r = new() for k in pairs(a.items) do if b.items[k] then r.items[k] = true end end return r end
Set.__sub = function(a, b) local r = new() for k in pairs(a.items) do if not b.items[k] then r.items[k] = true end end return r end
Set.__len = function(a) return #a:tolist() end
Set.__eq = function(a, b) return #(a - b):tolist() == 0 and #(b - a):tolist() == 0 end
Set.__le = function(a, b) return #(a - b):tolist() == 0 end
Set.__lt = function(a, b) return a <= b and not (b <= a) end
Set.__tostring = function(a) return "{" .. table.concat(a:tolist(), ", ") .. "}" end
local a, b = new({1, 2, 3, 4, 5}), new({4, 5, 6, 7})
print(tostring(a + b), tostring(a * b), tostring(a - b), tostring(b - a))
print(a == b, a * b == b * a, new({4, 5}) <= a, new({4, 5}) < a, a < a, a <= a)
local evens, odds = new(), new()
for i = 1, 20 do if i % 2 == 0 then evens.items[i] = true else odds.items[i] = true end end
print(#(evens + odds):tolist(), #(evens * odds):tolist(), tostring(evens - new({2, 4, 6, 8, 10})))
