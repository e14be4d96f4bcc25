-- identifiers: underscores, digits, near-keywords, case sensitivity
local _ = 1
local __ = 2
local _a1 = 3
local A, a = "upper", "lower"
local And, OR, Nil, True, ends, iff, whilex, localx = 1, 2, 3, 4, 5, 6, 7, 8
local _ENV = "not special in 5.1"
local goto = "goto is an identifier in 5.1"
print(_, __, _a1, A, a)
print(And + OR + Nil + True + ends + iff + whilex + localx)
print(_ENV, goto)
local t = {["end"] = 1, ["while"] = 2, _G = 3}
print(t["end"], t["while"], t._G)
local very_long_identifier_name_that_goes_on_and_on_and_on_for_a_while_12345 = "long"
print(very_long_identifier_name_that_goes_on_and_on_and_on_for_a_while_12345)
local self = "self is a normal name outside methods"
print(self)
local arg = "arg too"
print(arg)
