-- every token of the Lua 5.1 grammar appears at least once in this file
local t = {1, 2, 3; n = 3, ["k"] = 4}
local function f(a, ...) return a, ... end
local x = 10
local y = 3
print(x + y, x - y, x * y, x / y, x % y, x ^ 2, -x, #t)
print(x == y, x ~= y, x < y, x <= y, x > y, x >= y)
print(x and y, x or y, not x, "con" .. "cat")
print(t.n, t["k"], t[1], f(1, 2, 3))
local obj = {v = 5}
function obj:get() return self.v end
print(obj:get())
if x > y then print("if") elseif x < y then print("elseif") else print("else") end
while false do end
repeat local r = true until r
for i = 1, 2, 1 do end
for k, v in pairs({}) do end
do local nothing = nil end
local b1, b2 = true, false
print(b1, b2, nil)
local function ret() return end
print(ret())
for i = 1, 3 do if i == 2 then break end end
print(f"string arg", #{f{1, 2}}, [[long]], [==[long2]==])
