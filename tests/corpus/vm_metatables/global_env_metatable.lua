-- metatables on the globals table: default values and strict mode
local G = getfenv(1)
print(G == _G)
local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v) declared[k] = true; rawset(t, k, v) end,
  __index = function(t, k)
    if not declared[k] then error("variable '" .. tostring(k) .. "' is not declared", 2) end
  end,
})
newglobal = 10
print(newglobal)
print(pcall(function() return undeclared_thing end))
newglobal = nil
print(pcall(function() return newglobal end))
print(rawget(_G, "newglobal"))
-- a global set to nil and read again goes through __index
maybe = false
print(maybe)
setmetatable(_G, nil)
print(undeclared_thing, rawequal(_G, G))
-- a function with its own environment table
local env = setmetatable({}, {__index = _G})
local function inside() x_in_env = 5; return x_in_env, print ~= nil end
setfenv(inside, env)
print(inside())
print(x_in_env, env.x_in_env)
