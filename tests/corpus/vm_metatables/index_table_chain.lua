-- __index tables one and more levels deep, hits and misses, false values,
-- string methods through the string metatable and through a replaced one
local Base = { greet = function(self) return "base " .. self.name end, flag = false }
Base.__index = Base
local Mid = setmetatable({ kind = "mid" }, Base)
Mid.__index = Mid
local obj = setmetatable({ name = "o" }, Mid)

local out = {}
for i = 1, 6 do
  -- one level: Mid has kind; two levels: greet and flag come from Base
  local g = obj.greet
  if type(g) == "function" then g = obj:greet() end
  out[#out + 1] = tostring(obj.kind) .. " " .. g .. " " .. tostring(obj.flag)
  -- a miss everywhere, and a key that is a number
  out[#out + 1] = tostring(obj.missing) .. " " .. tostring(obj[i])
  if i == 3 then Mid.kind = nil end          -- now from nowhere
  if i == 4 then Base.kind = "base kind" end -- now two levels deep
  if i == 5 then Mid.__index = function(t, k) return "fn " .. k end end
end
print(table.concat(out, "\n"))

-- an __index table whose own key holds false, and a non-table __index after a table
local P = setmetatable({}, { __index = { x = false, y = 1 } })
for _ = 1, 3 do print(P.x, P.y, P.z) end

-- string methods, then a string metatable whose __index is a function
local s = "hello"
for _ = 1, 3 do print(s:upper(), s:sub(2, 3), ("x"):rep(3), s.len == string.len) end
local smt = getmetatable("")
local saved = smt.__index
smt.__index = function(str, k) return function() return "method " .. k end end
for _ = 1, 2 do print(s:upper(), s:len()) end
smt.__index = { len = function() return 42 end }
for _ = 1, 2 do print(s.upper, s:len()) end
smt.__index = saved
print(s:upper())

-- indexing a number still fails with the register's name
local n = 5
print(pcall(function() return n.field end))
print(pcall(function() local t = setmetatable({}, { __index = 7 }) return t.k end))
