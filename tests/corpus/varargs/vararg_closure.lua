-- closures cannot capture ... directly; copy it to locals/tables first
local function capture(...)
  local t = {...}
  local n = select('#', ...)
  return function() return n, unpack(t, 1, n) end
end
print(capture(1, nil, 3)())
local function chooser(...)
  local first, second = ...
  return function(which) if which == 1 then return first else return second end end
end
local ch = chooser("A", "B")
print(ch(1), ch(2))
local function count_calls(f)
  local calls = 0
  return function(...)
    calls = calls + 1
    return calls, f(...)
  end
end
local cf = count_calls(math.max)
cf(1, 2)
print(cf(5, 3, 8))
