-- In 5.1 __len is consulted only for userdata; # on a table is always raw
local t = setmetatable({1, 2, 3}, {__len = function() return 99 end})
print(#t, rawequal(#t, 3))
local s = setmetatable({}, {__len = function() return 5 end})
print(#s)
-- userdata made with newproxy can have __len
local u = newproxy(true)
getmetatable(u).__len = function(self) return 42 end
print(#u, type(u))
local u2 = newproxy(u)
print(#u2, getmetatable(u2) == getmetatable(u))
-- __len receives the userdata itself
local seen
getmetatable(u).__len = function(self, other) seen = rawequal(self, u); return "len" end
print(#u, seen)
-- a userdata without __len cannot be measured
local bare = newproxy(false)
print(pcall(function() return #bare end))
print(getmetatable(bare))
-- strings ignore __len too
print(#"abcd")
