-- character classes over all bytes 0..255
local classes = {"%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x", "%A", "%D", "%S"}
for _, cls in ipairs(classes) do
  local n = 0
  local firsts = {}
  for b = 0, 127 do
    if string.char(b):find("^" .. cls .. "$") then
      n = n + 1
      if #firsts < 5 then firsts[#firsts + 1] = b end
    end
  end
  print(cls, n, table.concat(firsts, ","))
end
print(("[a-f]"):len(), ("hello"):find("[a-f]"), ("xyz"):find("[^x-z]"))
print(("a-b"):find("[%-]"), ("a]b"):find("[]]"), ("a^b"):find("[%^]"))
