-- mixed newline conventions: LF, CRLF, LFCR and lone CR
local x = 1
local y = 2
local z = 3print(x, y, z)
print(debug.getinfo(1, 'l').currentline)local t = [[ab
c
d]]
print(#t, t:byte(1, -1))
print(pcall(error, 'here'))
local e = select(2, pcall(function() error('msg') end))print(e)
