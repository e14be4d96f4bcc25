-- every escape sequence recognised by the 5.1 lexer
local s = "\a|\b|\f|\n|\r|\t|\v|\\|\"|\'"
for i = 1, #s do io.write(s:byte(i), " ") end
print()
print(#"\0", #"\00", #"\000", #"\0000", ("\0000"):byte(2))
print(("\1\12\123\1234"):byte(1, -1))
print("\65\66\67", "\097\098\099", "\x", "\q", "\?")
print('it\'s', "say \"hi\"", 'mixed "quotes" and \'quotes\'')
print("backslash-newline: [\
]")
local crlike = "a\
b\
c"
print(#crlike, crlike:byte(2), crlike:byte(4))
print("\9tab\9", "\10" == "\n", "\13" == "\r", "\92" == "\\", "\34" == '"')
