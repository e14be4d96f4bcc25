-- string <-> number coercions in arithmetic
print("10" + 5, "3" * "4", "2" ^ "3", "10" / "4", "7" % "3", -"3")
print("0x10" + 0, " 5 " + 1, "1e1" * 1)
print(10 .. "", 1.5 .. "|")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} + 1 end))
print(pcall(function() return 1 + nil end))
print(pcall(function() local s = "x"; return -s end))
print("10" == 10, "10" + 0 == 10)
local s = "42"
local n = s + 0
print(type(s), type(n), n)
print(math.max("3", 4), string.rep(3, "2"))
print(("5"):rep(3), (5 .. ""):len())
