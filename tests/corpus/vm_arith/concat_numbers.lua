-- numbers are converted with %.14g when concatenated
print(1 .. 2, 1 .. "", "" .. 1.5, 10 .. 20 .. 30)
local a, b = 1, 2
print(a .. b, a .. " " .. b, -a .. -b, a + b .. "", a .. b + 1)
print(0.1 .. "", 1/3 .. "", 1e15 .. "", 1e16 .. "", 2^53 .. "", -1e-5 .. "")
print(123456789012 .. "", 12345678901234 .. "", 123456789012345 .. "")
print(1e100 .. "|" .. -1e100, 5e-324 .. "", 2^63 .. "")
local inf = math.huge
print(inf .. "", -inf .. "")
-- result is a string that converts back
local s = 3 .. 4
print(s, type(s), s + 1, #s)
-- right associativity: a .. b .. c builds once
local parts = 1 .. 2 .. 3 .. 4 .. 5 .. 6 .. 7 .. 8 .. 9 .. 10
print(parts, #parts)
-- concatenation of booleans or nil is an error
print(pcall(function() return "x" .. true end))
print(pcall(function() local n; return 1 .. n end))
