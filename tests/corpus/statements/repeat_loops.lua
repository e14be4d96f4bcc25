-- repeat ... until, including locals visible in the condition
local i = 0
repeat i = i + 1 until i >= 4
print(i)
local tries = 0
repeat
  tries = tries + 1
  local done = tries * tries > 20
until done
print(tries)
local fs = {}
local c = 0
repeat
  c = c + 1
  local v = c
  fs[#fs + 1] = function() return v end
until v >= 3
print(fs[1](), fs[2](), fs[3]())
local n = 0
repeat
  n = n + 1
  if n == 2 then break end
until false
print(n)
repeat until true
local x = 100
repeat local x = 1 until x == 1
print(x)
