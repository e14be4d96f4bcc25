-- a program that ends with an uncaught runtime error
print("before the error")
local function level3(t) return t.missing.field end
local function level2(t) return level3(t) end
local function level1() return level2({}) end
level1()
print("never printed")
