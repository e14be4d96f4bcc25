-- LOADNIL generation and merging of consecutive nil initialisations
local function f1() local a, b, c; return a, b, c end
local function f2(x) local a; local b; local c; return x, a, b, c end
local function f3(x) x = 1; local a, b = nil, nil; return a, b end
local function f4() local a = nil; local b = 2; local c; return a, b, c end
local function f5(x) local a, b, c = x; return a, b, c end
local function f6() local a, b = 1; local c, d; return a, b, c, d end
local function f7() local t = {}; local a, b; a, b = nil; return a, b, t end
print(f1())
print(f2(0))
print(f3())
print(f4())
print(f5(5))
print(f6())
print(select('#', f7()))
local g1, g2, g3
print(g1, g2, g3)
local x = 1
local y, z
print(x, y, z)
