-- error() with levels, non-string error values, and error positions
local function lvl0() error("no position", 0) end
local function lvl1() error("level one") end
local function lvl2() error("level two", 2) end
local function caller() lvl2() end
print(pcall(lvl0))
print(pcall(lvl1))
print(pcall(caller))
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, 42))
print(pcall(error, 42.5, 1))
local ok, e = pcall(error, {msg = "table error"})
print(ok, type(e), e.msg)
print(pcall(error, true))
print(select('#', pcall(error)))
local function validate(x)
  if type(x) ~= "number" then error("expected number, got " .. type(x), 2) end
  return x
end
local function use() return validate("str") end
print(pcall(use))
print(pcall(assert, false))
print(pcall(assert, nil, "custom assert message"))
print(pcall(assert, 1, 2, 3))
print(select(2, pcall(assert, false, 7)))
