-- getfenv / setfenv in 5.1
local G = _G
print(getfenv() == G, getfenv(0) == G, getfenv(1) == G)
local function f() return x_value end
x_value = "global x"
print(f())
local env = {x_value = "env x"}
setfenv(f, env)
print(f(), getfenv(f) == env, x_value)
-- functions created inside f inherit f's environment
local function maker() return function() return who end end
setfenv(maker, {who = "maker env"})
local made = maker()
print(made(), getfenv(made) == getfenv(maker))
who = "global who"
print(made())
-- setfenv by level changes the environment of the caller
local function change_caller()
  setfenv(2, {print = print, marker = "level-2 env"})
end
local function victim()
  change_caller()
  return marker
end
print(victim())
print(marker)
-- setfenv returns the function; C functions cannot have it changed
print(setfenv(f, G) == f, f())
print(pcall(setfenv, print, {}))
print(type(getfenv(print)))
-- globals assigned inside a function with a custom environment
local sandbox = {}
local function writes() newvar = 1; another = "two" end
setfenv(writes, sandbox)
writes()
print(sandbox.newvar, sandbox.another, rawget(G, "newvar"))
print(pcall(getfenv, 50))
