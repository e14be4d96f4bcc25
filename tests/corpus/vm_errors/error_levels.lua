-- error levels choose which function's position is reported
local function lvl(n) error("level " .. tostring(n), n) end
local function caller(n)
  lvl(n)
end
local function caller2(n)
  caller(n)
end
print(pcall(caller2, 0))
print(pcall(caller2, 1))
print(pcall(caller2, 2))
print(pcall(caller2, 3))
print(pcall(caller2, 4))
print(pcall(caller2, 5))
print(pcall(caller2, 50))
-- level 2 is typical for argument checks
local function check(x)
  if type(x) ~= "number" then
    error("expected number, got " .. type(x), 2)
  end
  return x
end
local function user()
  return check("oops")
end
print(pcall(user))
local function user2()
  local v = check({})
  return v
end
print(pcall(user2))
-- a level pointing at a tail call frame
local function tail_target() error("in tail", 2) end
local function tail_caller() return tail_target() end
print(pcall(tail_caller))
-- level 2 from a function called directly by pcall (C caller)
print(pcall(lvl, 2))
print(pcall(lvl, 1))
