-- collectgarbage("count") compared only relatively
collectgarbage()
local base = collectgarbage("count")
print(type(base), base > 0)
local big = {}
for i = 1, 100000 do big[i] = {i} end
local grown = collectgarbage("count")
print(grown > base, grown - base > 1000)
big = nil
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print(after < grown, after - base < 100)
-- count returns one value in 5.1 (KB as a float)
print(select("#", collectgarbage("count")))
-- strings also take memory
local s = string.rep("x", 1000000)
print(collectgarbage("count") - after > 900)
s = nil
collectgarbage()
collectgarbage()
print(collectgarbage("count") - after < 900)
