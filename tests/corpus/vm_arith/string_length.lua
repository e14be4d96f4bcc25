-- # on strings counts bytes
print(#"", #"a", #"hello", #"a\0b", #"\0\0\0", #"\255\254")
print(#"\n\t\r", #[[
x]], #"\65\066\0067", #("x"):rep(1000))
local s = "abc"
print(#s, #s .. "", #s + 1, -#s, #s == 3)
local t = {}
for i = 0, 255 do t[#t + 1] = string.char(i) end
local all = table.concat(t)
print(#all, all:byte(1), all:byte(-1), #all:sub(10, 20))
print(#(s .. s), #(1 .. 23), #tostring(1/3), #tostring(nil))
-- # binds tighter than .. and arithmetic
print(#"ab" .. "cd", #"ab" + #"cde" * 2, #"x" == 1)
-- length of a string in a local, upvalue and table field
local function len_up() return #s end
local r = {str = "four"}
print(len_up(), #r.str, #r["str"])
print(pcall(function() local n = 5; return #n end))
