-- returns from inside loops and nested blocks
local function find(t, x)
  for i = 1, #t do
    if t[i] == x then return i end
  end
  return nil
end
print(find({4, 5, 6}, 5), find({4, 5, 6}, 9))
local function firstkey(t)
  for k in pairs(t) do return k end
  return "empty"
end
print(firstkey({}), firstkey({only = true}))
local function whileret(n)
  while true do
    n = n + 1
    if n > 5 then return n, "done" end
  end
end
print(whileret(0))
local function repeatret(n)
  repeat
    local m = n * 2
    if m > 10 then return m end
    n = n + 1
  until false
end
print(repeatret(1))
local function doret(x)
  do
    local y = x + 1
    do
      if y > 2 then return y end
    end
  end
  return -x
end
print(doret(5), doret(0))
local function noreturnvalue(x) if x then return end return "fallthrough" end
print(noreturnvalue(true), noreturnvalue(false))
