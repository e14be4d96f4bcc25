-- rawget/rawset/rawequal bypass metamethods
local hits = {}
local mt = {
  __index = function(t, k) hits[#hits + 1] = "index:" .. tostring(k); return "meta" end,
  __newindex = function(t, k, v) hits[#hits + 1] = "newindex:" .. tostring(k) end,
  __eq = function() hits[#hits + 1] = "eq"; return true end,
}
local t = setmetatable({}, mt)
local u = setmetatable({}, mt)
print(t.a, rawget(t, "a"))
t.b = 1
rawset(t, "c", 2)
print(rawget(t, "b"), rawget(t, "c"), t.c)
print(t == u, rawequal(t, u), rawequal(t, t))
print(table.concat(hits, " "))
-- rawset returns the table, and works with any key type except nil/NaN
local r = rawset(t, 1, "one")
print(r == t, rawget(t, 1), rawset(t, true, "t")[true])
-- rawequal on other types
print(rawequal(1, 1), rawequal("a", "a"), rawequal(1, "1"), rawequal(nil, nil), rawequal({}, {}))
print(pcall(rawequal, 1))
print(pcall(rawget, t))
-- rawget does not consult __index even in a chain
local child = setmetatable({}, {__index = {inherited = true}})
print(child.inherited, rawget(child, "inherited"))
-- # and next are raw too
rawset(t, 2, "two")
print(#t, next(setmetatable({}, mt)))
