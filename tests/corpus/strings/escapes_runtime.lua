-- escapes in string literals produce the right bytes
local s = "\a\b\f\n\r\t\v\\\"\'"
print(s:byte(1, -1))
print(("\65\066\0067"):byte(1, -1))
print(("\0\00\000\0000"):byte(1, -1))
print(("\255\254\1"):byte(1, -1))
print('single \'quoted\' "double"')
print("double \"quoted\" 'single'")
print("tab\tseparated\tvalues")
print("line one\
line two")
print(#"\z", "\z")
print("\q\w\e" == "qwe")
