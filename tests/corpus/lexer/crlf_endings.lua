-- this file uses CRLF line endings
local a = 1
local b = [[line1
line2
]]
print(a, #b, b:byte(6), b:byte(7))
local s = "cont\
nued"
print(#s, s:byte(5))
--[[ long comment
 over lines ]]
local function f()
  error('line number check')
end
print(pcall(f))
print(debug.getinfo(1, 'l').currentline)
