-- concatenation of strings and numbers
local a, b, c, d = "x", "y", 3, 4.5
print(a .. b .. c .. d)
print(a .. (b .. c) .. d)
print(1 .. 2, 1 .. "", "" .. 1.5, -1 .. -2)
print(10 .. 20 .. 30 .. 40 .. 50 .. 60 .. 70)
local s = ""
for i = 1, 10 do s = s .. i .. "," end
print(s)
local parts = {}
for i = 1, 5 do parts[#parts + 1] = "p" .. i end
print(table.concat(parts, "+"))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return nil .. "a" end))
print(pcall(function() return "a" .. true end))
print(2^53 .. "", 1e100 .. "", 0.1 .. "", -0 .. "")
local e = "e"
print(e .. e .. e .. e .. e .. e .. e .. e .. e .. e .. e .. e .. e .. e)
