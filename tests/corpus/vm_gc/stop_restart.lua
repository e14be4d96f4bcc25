-- with the collector stopped, memory only grows; after restart it can shrink
collectgarbage()
collectgarbage("stop")
local before = collectgarbage("count")
for i = 1, 20000 do local t = {i} end
local mid = collectgarbage("count")
print(mid > before)
collectgarbage("restart")
collectgarbage()
local after = collectgarbage("count")
print(after < mid)
-- an explicit full collection also works while stopped
collectgarbage("stop")
for i = 1, 20000 do local t = {i} end
local grown = collectgarbage("count")
collectgarbage("collect")
print(collectgarbage("count") < grown)
collectgarbage("restart")
