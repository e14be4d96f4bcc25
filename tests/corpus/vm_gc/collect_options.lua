-- results of the collectgarbage options in 5.1
print(collectgarbage())
print(collectgarbage("collect"))
print(select("#", collectgarbage("collect")))
print(collectgarbage("stop"))
print(collectgarbage("restart"))
print(pcall(collectgarbage, "bogus"))
print(pcall(collectgarbage, 42))
print(type(collectgarbage("step")))
print(collectgarbage("step", 0) == true or collectgarbage("step", 0) == false)
-- a large step finishes a cycle
collectgarbage()
local t = {}
for i = 1, 1000 do t[i] = {} end
t = nil
local finished = false
for i = 1, 1000 do
  if collectgarbage("step", 1000) then finished = true; break end
end
print(finished)
