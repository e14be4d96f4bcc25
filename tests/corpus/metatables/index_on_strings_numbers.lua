-- indexing non-table values
local s = "text"
print(type(s.len), s.len == string.len, s:len(), ("x").upper("y"))
print(pcall(function() local n = 5; return n.x end))
print(pcall(function() local b = true; return b.x end))
print(pcall(function() local n = nil; n.x = 1 end))
print(pcall(function() local f = print; return f.x end))
