-- conditions that are compile-time constants
if true then print("true branch") end
if false then print("never") end
if nil then print("never") else print("nil else") end
if 1 then print("number is true") end
if "s" then print("string is true") end
if not nil then print("not nil") end
if not true then print("never") else print("not true else") end
if true and true then print("true and true") end
if false or true then print("false or true") end
if nil and x then print("never") end
local v = true and 1
local w = nil or 2
local z = false and undefined_global
local q = 1 and nil
local r = "a" or "b"
print(v, w, z, q, r)
while true do print("loop once") break end
repeat print("repeat once") until true
local i = 0
repeat i = i + 1 until 1
print(i)
while false do end
local c = 0
while 1 do c = c + 1 if c > 2 then break end end
print(c)
print(not nil == true, not 0 == false)
if (1 < 2) then print("1<2") end
if 2 < 1 then print("never") elseif 1 == 1 then print("1==1") end
