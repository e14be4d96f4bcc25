-- method calls (OP_SELF) on locals, upvalues, globals, fields, call results and constants
local obj = {name = "local", get = function(self, sfx) return self.name .. (sfx or "") end}
G = {name = "global", get = obj.get}
local up = {name = "upvalue", get = obj.get}
local function use_up() return up:get("!") end
print(obj:get(), G:get(), use_up())
local nest = {inner = {name = "field", get = obj.get}}
print(nest.inner:get(), nest["inner"]:get("?"))
local function factory() return {name = "result", get = obj.get} end
print(factory():get())
print(("str"):upper(), ("%d"):format(5), ("a,b"):find(","))
local s = "hello"
print(s:len(), s:sub(2, 3):upper())
local key = "get"
print(obj[key](obj, "#"))
print(obj:get(obj:get()))
