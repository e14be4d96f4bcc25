-- xpcall handlers receive the original error value; only stable text printed
local function first_line(s) return (s:match("^[^\n]*")) end
local function fails() local x = nil; return x.field end
local ok, tb = xpcall(fails, debug.traceback)
print(ok, first_line(tb))
print(tb:find("stack traceback:", 1, true) ~= nil)
-- handler transforming the message
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({1, 2, 3}) end, function(m) return #m end))
print(xpcall(function() error() end, function(m) return type(m) end))
-- handler returning several values: only the first is kept
print(xpcall(function() error("x", 0) end, function(m) return m, "extra" end))
-- success passes all results and ignores the handler
print(xpcall(function() return 1, nil, 3 end, function() return "never" end))
-- the handler runs before the stack unwinds: it can inspect the level
local function handler(m)
  local info = debug.getinfo(2, "Sl")
  return m .. " | handler level2 line " .. tostring(info.currentline)
end
print(xpcall(function()
  local t = {}
  return t.a.b
end, handler))
-- an error inside the handler
print(xpcall(function() error("first") end, function(m) error("second") end))
-- traceback with a message argument
print(first_line(debug.traceback("my message")))
print(first_line(debug.traceback("lvl", 1)))
print(type(debug.traceback()), first_line(debug.traceback()))
