-- adjusting multiple results in every position
local function three() return 1, 2, 3 end
local function none() end
print(three())
print(three(), "x")
print("x", three())
print((three()))
print(three(), three())
print(none(), "after none")
print("before", none())
local t = {three(), three()}
print(#t, t[1], t[2], t[3], t[4])
t = {three(), (three())}
print(#t)
t = {three(), nil}
print(#t)
t = {[1] = three(), three()}
print(t[1], t[2], t[3])
local a, b, c, d = three()
print(a, b, c, d)
a, b, c, d = 0, three()
print(a, b, c, d)
a, b, c, d = three(), 10
print(a, b, c, d)
local function ret() return three() end
local function ret2() return 0, three() end
local function ret3() return three(), 0 end
local function ret4() return (three()) end
print(ret())
print(ret2())
print(ret3())
print(ret4())
-- in arithmetic and concatenation only the first value is used
print(three() + 10, three() .. "!", -three(), #{three()})
-- string.find/gsub style multiple results
print(("hello"):find("l"), (("hello"):gsub("l", "L")))
-- method call results
local obj = {m = function(self) return self, 1, 2 end}
print(select("#", obj:m()), select(2, obj:m()))
