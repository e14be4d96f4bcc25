-- comparisons used as values (EQ/LT/LE + LOADBOOL pairs)
local a, b = 3, 7
local r1 = a < b
local r2 = a > b
local r3 = a <= 3
local r4 = 3 >= a
local r5 = a == b
local r6 = a ~= b
local r7 = not (a < b)
local r8 = not a
local r9 = a < b == true
local r10 = (a < b) and (b < 10)
local r11 = a < b or b < a
print(r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11)
local t = {}
t.x = a == 3
t[1] = b ~= 7
gcmp = a >= b
print(t.x, t[1], gcmp)
local function f() return a < b, a > b end
print(f())
print(a < b, "a" < "b", 1 < 2, not (1 == 1))
local s = (a < b) and "yes" or "no"
print(s)
local n = nil
local safe = n ~= nil and n.x or "nil-safe"
print(safe)
