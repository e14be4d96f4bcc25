-- concatenation chains compile into a single CONCAT over consecutive registers
local a, b, c, d = "a", "b", "c", "d"
print(a .. b .. c .. d)
print(a .. "-" .. b .. "-" .. c .. "-" .. d)
print((a .. b) .. (c .. d))
print(a .. (b .. (c .. d)))
local n = 42
print("n=" .. n .. ", n+1=" .. n + 1 .. ", half=" .. n / 2)
local t = {x = "tx", y = "ty"}
print(t.x .. t.y .. t["x"])
local function s() return "call" end
print(s() .. s() .. a .. s())
local up = "up"
local function useup() return up .. a .. up end
print(useup())
g1 = "g1"
print(g1 .. g1 .. a)
local r = a
r = r .. b
r = r .. c .. d
print(r)
local long = a .. b .. c .. d .. a .. b .. c .. d .. a .. b .. c .. d .. a .. b .. c .. d .. a .. b .. c .. d
print(long, #long)
print(1 .. 2 .. 3, 1.5 .. "|" .. -2)
local cmp = a .. b == "ab"
print(cmp, a .. b < a .. c)
