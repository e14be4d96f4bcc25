-- LUA_INIT=@trace_pairs.lua (bench/third_party.py --trace-pairs): every key that pairs or next
-- hands out is written to standard error, a line per traversal ("|" at its end), so that two
-- interpreters' traversal orders can be compared on any program. Keys that Lua 5.1 hashes by
-- address are written as their type (their order is the allocator's).
local rawnext, type, tostring, stderr = next, type, tostring, io.stderr
local function name(k)
  local t = type(k)
  if t == "string" or t == "number" or t == "boolean" then return tostring(k) end
  return "<" .. t .. ">"
end
local function traced_next(t, k)
  local nk, v = rawnext(t, k)
  if nk == nil then stderr:write("|\n") else stderr:write(name(nk), " ") end
  return nk, v
end
next = traced_next
function pairs(t)
  if type(t) ~= "table" then rawnext(t) end -- pairs' own argument error
  return traced_next, t, nil
end
