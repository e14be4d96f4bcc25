-- 5.1-specific table library functions
print(table.getn({1, 2, 3}), table.getn({}), table.getn({n = 10}))
print(pcall(table.setn, {}, 1))
print(type(table.foreach), type(table.foreachi))
-- foreach / foreachi (deprecated but present in 5.1)
table.foreachi({"a", "b", "c"}, function(i, v) io.write(i, v, " ") end)
print()
local r = table.foreachi({5, 6, 7}, function(i, v) if v == 6 then return "stopped at " .. i end end)
print(r)
local seen = 0
table.foreach({x = 1, y = 2}, function(k, v) seen = seen + v end)
print(seen)
-- functions of the table library are plain values
local insert = table.insert
local t = {}
insert(t, "via local")
print(t[1], #table, next(table) ~= nil)
-- the table library does not exist as methods on tables
print(pcall(function() local x = {}; x:insert(1) end))
