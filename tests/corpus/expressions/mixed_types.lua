-- type() of every kind of value and equality across types
local co = coroutine.create(function() end)
local vals = {nil, true, false, 0, 1.5, "s", {}, print, function() end, co}
for i = 1, 10 do
  io.write(type(vals[i]), " ")
end
print()
print(type(nil), type(type), type(io.stdout))
print(rawequal("a", "a"), rawequal({}, {}), rawequal(1, 1.0))
print(0 == false, "" == false, nil == false)
print(math.huge == math.huge, -0 == 0)
local big = 2^53
print(big == big + 1, big + 1 == big + 2)
