-- metamethods are read raw from the metatable each time they are needed
local mt = {}
local obj = setmetatable({}, mt)
print(pcall(function() return obj + 1 end))
mt.__add = function() return "added later" end
print(obj + 1)
-- a metatable whose own __index provides __add is NOT consulted
local proto_mt = {__add = function() return "inherited add" end}
local mt2 = setmetatable({}, {__index = proto_mt})
local obj2 = setmetatable({}, mt2)
print(mt2.__add ~= nil, pcall(function() return obj2 + 1 end))
-- replacing a metamethod affects existing objects
mt.__add = function() return "replaced" end
print(obj + 1)
-- the same metatable shared between many objects
local counter = 0
local shared = {__index = function(t, k) counter = counter + 1; return k end}
local objs = {}
for i = 1, 5 do objs[i] = setmetatable({}, shared) end
for i = 1, 5 do local _ = objs[i].x end
print(counter)
-- a table as its own metatable
local selfmt = {}
selfmt.__index = selfmt
selfmt.value = "from self"
setmetatable(selfmt, selfmt)
print(selfmt.value, rawget(selfmt, "missing"))
-- but a missing key loops through __index forever: 5.1 stops after 100 steps
print(pcall(function() return selfmt.missing end))
print(pcall(function() selfmt.newkey = 1 end), rawget(selfmt, "newkey"))
local loop_mt = {}
loop_mt.__newindex = setmetatable({}, loop_mt)
local ring = setmetatable({}, loop_mt)
print(pcall(function() ring.k = 1 end))
-- an __index table that has __call is indexed, never called
local callable = setmetatable({}, {__call = function(self, a, b) return "callable handler" end})
local mt3 = {__index = callable}
local o3 = setmetatable({}, mt3)
print(pcall(function() return o3.x end))
