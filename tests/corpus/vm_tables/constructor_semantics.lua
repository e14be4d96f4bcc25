-- duplicate keys, positional vs explicit keys, evaluation order
local t = {x = 1, x = 2}
print(t.x)
t = {[1] = "explicit", "positional"}
print(t[1])
t = {"positional", [1] = "explicit"}
print(t[1])
local order = {}
local function v(x) order[#order + 1] = x; return x end
t = {v("a"), k = v("b"), v("c"), [v("d")] = v("e")}
print(table.concat(order, " "), t[1], t[2], t.k, t.d)
-- nested constructors and trailing separators
t = {1, 2, 3,}
print(#t)
t = {1; 2; 3; x = 4;}
print(#t, t.x)
t = {{}, {{}}, {{{}}}}
print(#t, #t[2], #t[3][1])
-- a function call in the middle is truncated, at the end expanded
local function two() return "p", "q" end
t = {two(), two()}
print(#t, t[1], t[2], t[3])
t = {two(), k = 1}
print(#t, t[1], t[2])
-- expression keys
local key = "dyn"
t = {[key] = 1, [key .. "2"] = 2, [1 + 1] = "two", [true] = "yes"}
print(t.dyn, t.dyn2, t[2], t[true])
-- a constructor inside a loop creates a new table each time
local list = {}
for i = 1, 3 do list[i] = {i} end
print(list[1] ~= list[2], list[3][1])
