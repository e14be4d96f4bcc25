-- many arguments and many results through calls
local function count(...) return select("#", ...) end
local function gen(n) local t = {} for i = 1, n do t[i] = i end return unpack(t) end
print(count(gen(100)), count(gen(250)), count(gen(1000)))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(gen(100)), sum(gen(1000)))
-- forwarding a large vararg through several levels
local function l3(...) return count(...), (select(-1, ...)) end
local function l2(...) return l3(...) end
local function l1(...) return l2(...) end
print(l1(gen(500)))
-- a table constructor with many call results
local t = {gen(300)}
print(#t, t[1], t[300])
t = {gen(300), gen(2)}
print(#t, t[1], t[2], t[3])
-- string.char / byte with many values
local bytes = {string.byte(string.rep("ab", 100), 1, -1)}
print(#bytes, bytes[199], bytes[200])
print(#string.char(unpack(bytes)))
-- math.max over many values
print(math.max(gen(400)), math.min(gen(400)))
