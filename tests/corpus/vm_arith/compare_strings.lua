-- string comparison is by bytes (the C locale here), embedded zeros count
print("a" < "b", "a" < "B", "Z" < "a", "abc" < "abd", "abc" < "ab", "" < "a")
print("a\0b" < "a\0c", "a\0" > "a", "a" < "a\0", "\0" > "", "a\0\0" > "a\0")
print("\127" < "\128", "\200" > "z", "\255" > "\254", "\128abc" < "\128abd")
print("10" < "9", "10" < "2", "-1" < "-2", "1e5" < "2", " " < "!")
print("abc" == "abc", "abc" == "abc\0", "a\0b" == "a\0b", "a\0b" ~= "a\0c")
print("abc" <= "abc", "abc" >= "abd", "b" >= "abc")
-- sort a list of byte strings with the default comparison
local list = {"b", "a\0z", "a", "\200", "a\0", "B", "", "ab", "\0", "\127"}
table.sort(list)
for i, s in ipairs(list) do
  local bytes = {}
  for j = 1, #s do bytes[#bytes + 1] = s:byte(j) end
  print(i, #s, table.concat(bytes, ","))
end
-- strings and numbers cannot be ordered
print(pcall(function() return "1" < 2 end))
print(pcall(function() return 1 <= "2" end))
