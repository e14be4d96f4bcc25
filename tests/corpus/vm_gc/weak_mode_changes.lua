-- the __mode is consulted at collection time
local mt = {}
local t = setmetatable({}, mt)
t[1] = {}
collectgarbage()
print(t[1] ~= nil)
mt.__mode = "v"
collectgarbage()
print(t[1] == nil)
-- strings, numbers and booleans are never removed from weak tables
local w = setmetatable({}, {__mode = "kv"})
w[1] = "str"
w.s = 2
w[true] = false
w[3.5] = "x" .. "y"
collectgarbage()
local n = 0
for _ in pairs(w) do n = n + 1 end
print(n, w[1], w.s, w[true], w[3.5])
-- functions and coroutines are collectable values
w.f = function() end
w.co = coroutine.create(function() end)
local kept_fn = function() end
w.kept = kept_fn
collectgarbage()
print(w.f, w.co, w.kept == kept_fn)
-- a table referenced only from a weak table that is itself referenced strongly elsewhere
local strong = {}
local holder = setmetatable({strong}, {__mode = "v"})
collectgarbage()
print(holder[1] == strong)
