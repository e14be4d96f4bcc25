-- every byte value survives string.char / byte / escapes
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(#s)
local ok = true
for i = 1, 256 do if s:byte(i) ~= i - 1 then ok = false end end
print(ok)
local q = string.format("%q", s)
local back = loadstring("return " .. q)()
print(back == s, #q)
print(s:sub(66, 70), s:upper():sub(98, 100), s:lower():sub(66, 68))
local sum = 0
for i = 1, #s do sum = sum + s:byte(i) end
print(sum)
print(("\0a\0"):len(), ("\0a\0"):byte(1, -1))
print(("a\0b"):find("\0", 1, true), ("a\0b"):find("%z"))
