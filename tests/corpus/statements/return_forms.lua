-- return statements of every shape
local function none() return end
local function one() return 1 end
local function many() return 1, 2, 3 end
local function tail(x) return one(x) end
local function tailmany() return many() end
local function paren() return (many()) end
local function mixed() return 0, many() end
local function mixed2() return many(), 0 end
local function vararg(...) return ... end
local function vararg2(...) return 9, ... end
local function early(x)
  if x then return "early" end
  return "late"
end
print(none())
print(select('#', none()))
print(one(), tail(), tailmany())
print(paren())
print(mixed())
print(mixed2())
print(vararg(1, nil, 3))
print(select('#', vararg(nil, nil)))
print(vararg2("a", "b"))
print(early(true), early(false))
local function nested()
  do return "inner" end
end
print(nested())
local function tbl() return {many()} end
print(#tbl())
