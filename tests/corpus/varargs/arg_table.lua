-- the implicit `arg` table of 5.1 vararg functions (LUA_COMPAT_VARARG)
local function old(...)
  return arg and arg.n, arg and arg[1]
end
print(old(10, 20, 30))
local function uses_dots(...)
  -- uses '...', so no implicit local 'arg' is created here
  local a, b = ...
  return a, b
end
print(uses_dots(1, 2))
local function both(x, ...)
  return x, arg.n, arg[2]
end
print(both("x", "y", "z"))
local function none(...)
  return type(arg)
end
print(none())
