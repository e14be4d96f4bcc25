-- method call syntax on string values
print(("x"):rep(3), ("abc"):upper(), ("ABC"):lower(), ("hello"):len())
local s = "Hello, World"
print(s:sub(1, 5), s:sub(-5), s:byte(1), s:find("World"), s:match("(%a+), (%a+)"))
print(s:gsub("o", "0"), s:reverse(), s:format())
print(("%s=%d"):format("k", 42), ("%5.2f"):format(3.14159), ("[%5s][%-5s]"):format("a", "b"))
print(("a,b,,c"):find(",,", 1, true), ("test"):rep(0), ("x"):rep(-1), ("ab"):rep(3, nil))
-- chained method calls
print(("  trim me  "):gsub("^%s+", ""):gsub("%s+$", ""):upper())
print((("  trim me  "):gsub("^%s+", "")))
-- methods through a variable holding a string
local word = "banana"
local count = select(2, word:gsub("a", "a"))
print(count, word:find("an", 3), word:sub(2, 2):byte())
-- numbers do not have methods, but number literals coerce in string functions
print(string.rep(5, 3), string.len(1e3), pcall(function() local n = 5; return n:rep(2) end))
-- gmatch iteration via method
local parts = {}
for w in ("one two  three"):gmatch("%S+") do parts[#parts + 1] = w:upper() end
print(table.concat(parts, "|"))
-- string.char and byte round trip through methods
local bytes = {("Lua"):byte(1, -1)}
print(#bytes, bytes[1], bytes[2], bytes[3], string.char(unpack(bytes)):lower())
