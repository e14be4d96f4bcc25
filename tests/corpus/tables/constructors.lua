-- table constructors of all shapes
local t1 = {}
local t2 = {1, 2, 3}
local t3 = {a = 1, b = 2}
local t4 = {[1] = "x", [2] = "y", [10] = "z"}
local t5 = {1, 2, a = "A", 3, [100] = "H", 4; 5; b = "B"}
local t6 = {{1, 2}, {3, {4, {5}}}}
local t7 = {["a b"] = 1, [true] = "T", [1.5] = "f"}
local k = "dyn"
local t8 = {[k] = 1, [k .. "2"] = 2, [#k] = 3}
print(#t1, #t2, t3.a + t3.b, t4[1] .. t4[2] .. t4[10])
print(#t5, t5[5], t5.a, t5.b, t5[100])
print(t6[2][2][2][1], #t6[2])
print(t7["a b"], t7[true], t7[1.5])
print(t8.dyn, t8.dyn2, t8[3])
local t9 = {1, 2, [2] = "override?", 3}
print(t9[1], t9[2], t9[3])
local t10 = {[1] = "first", "positional"}
print(t10[1])
local function f() return "r1", "r2", "r3" end
local t11 = {f()}
local t12 = {f(), f()}
local t13 = {(f())}
local t14 = {f(), nil}
local t15 = {x = f()}
print(#t11, #t12, #t13, t14[1], t15.x)
local t16 = {1, 2, 3,}
local t17 = {a = 1,}
local t18 = {1; 2; 3}
print(#t16, t17.a, #t18)
