-- strings are converted to numbers by arithmetic operators
print("10" + 1, "10" - 1, "10" * 2, "10" / 4, "10" % 3, "2" ^ "10")
print(" 0x10 " * 2, "0X1f" + 0, "1e1" + 0, "1E-2" * 100, ".5" + ".25")
print("  42  " + 0, "\t7\n" * 1, "\r\n3\v" + 0, "\f8" + 0)
print("-5" + 0, "+5" + 0, "- 5" == nil, "5." + 0, "0005" + 0)
local r = "3" + "4"
print(r, type(r), math.type == nil)
local s = "12"
print(s + 0 == 12, s == 12, s + 0 .. "", type(s .. 1))
-- unary minus coerces too
print(-"2", -" 0x10 ", -"1e2", - -"3")
-- results are numbers, printed with %.14g
print("0.1" + "0.2", "1" / "3", "100000000000000" * "10")
-- coercion in a loop accumulator
local acc = 0
for _, v in ipairs({"1", "2.5", "0x10", " 4 ", "1e1"}) do acc = acc + v end
print(acc)
-- numbers used as strings by string functions
print(("x"):rep("3"), string.len(12345), string.sub(123456, 2, 4), string.upper(1.5))
