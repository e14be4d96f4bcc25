-- string library basics
local s = "Hello, World"
print(#s, s:len(), s:upper(), s:lower())
print(s:sub(1, 5), s:sub(-5), s:sub(-5, -2), s:sub(8), s:sub(0), s:sub(100), s:sub(5, 1))
print(s:rep(2), ("ab"):rep(0), ("ab"):rep(3))
print(s:reverse(), (""):reverse())
print(s:byte(), s:byte(1, 3), s:byte(-1), s:byte(100))
print(string.char(72, 105, 33), string.char())
print(("%5s|%-5s|%.2s"):format("ab", "cd", "efgh"))
print(string.format("%q", 'a "quoted"\n string\0with nul'))
print(string.format("%c%c%c", 76, 117, 97))
print(string.format("%%"), string.format("%5.1f%%", 99.44))
print(tostring(12), tostring("x"), tostring(nil), tostring(false))
