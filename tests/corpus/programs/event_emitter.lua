-- event emitter with on/once/off and ordered handlers
local Emitter = {}
Emitter.__index = Emitter
function Emitter.new() return setmetatable({handlers = {}}, Emitter) end
function Emitter:on(ev, fn)
  local list = self.handlers[ev] or {}
  self.handlers[ev] = list
  list[#list + 1] = {fn = fn}
  return fn
end
function Emitter:once(ev, fn)
  local h
  h = self:on(ev, function(...) self:off(ev, h); return fn(...) end)
  return h
end
function Emitter:off(ev, fn)
  local list = self.handlers[ev]
  if not list then return end
  for i = #list, 1, -1 do if list[i].fn == fn then table.remove(list, i) end end
end
function Emitter:emit(ev, ...)
  local list = self.handlers[ev]
  if not list then return 0 end
  local snapshot = {}
  for i, h in ipairs(list) do snapshot[i] = h.fn end
  for _, fn in ipairs(snapshot) do fn(...) end
  return #snapshot
end
local e = Emitter.new()
local log = {}
local function logger(tag) return function(...) log[#log + 1] = tag .. "(" .. table.concat({...}, ",") .. ")" end end
local a = e:on("data", logger("a"))
e:on("data", logger("b"))
e:once("data", logger("once"))
print(e:emit("data", 1, 2))
print(e:emit("data", 3))
e:off("data", a)
print(e:emit("data", 4), e:emit("nothing"))
print(table.concat(log, " "))
