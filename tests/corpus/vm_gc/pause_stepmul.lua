-- setpause and setstepmul return the previous values (5.1 defaults: 200 and 200)
print(collectgarbage("setpause", 100))
print(collectgarbage("setpause", 150))
print(collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 400))
print(collectgarbage("setstepmul", 1000))
print(collectgarbage("setstepmul", 200))
print(collectgarbage("setpause"))
print(collectgarbage("setpause", 200))
-- the program keeps working with an aggressive collector
collectgarbage("setpause", 50)
collectgarbage("setstepmul", 1000)
local keep = {}
for i = 1, 20000 do
  local tmp = {i, tostring(i)}
  if i % 1000 == 0 then keep[#keep + 1] = tmp end
end
print(#keep, keep[20][2])
collectgarbage("setpause", 200)
collectgarbage("setstepmul", 200)
