-- long strings of levels 0..4, with embedded brackets and newlines
local s0 = [[level 0]]
local s1 = [=[level 1 with ]] inside]=]
local s2 = [==[level 2 with ]=] and ]] inside]==]
local s3 = [===[level 3 ]==] ]=] ]] ]===]
local s4 = [====[level 4 [[ [=[ [==[ [===[ ]====]
print(s0) print(s1) print(s2) print(s3) print(s4)
local first_newline_skipped = [[
line a
line b]]
print(first_newline_skipped, #first_newline_skipped)
local two_newlines = [[

starts with one newline]]
print(#two_newlines, two_newlines:byte(1))
local no_escapes = [[\n \t \\ \065 "quotes" 'single']]
print(no_escapes, #no_escapes)
local empty0, empty1 = [[]], [=[]=]
print(#empty0, #empty1)
local trailing = [==[
ends with bracket ]]==]
print(trailing)
local only_brackets = [=[]]]=]
print(only_brackets)
local nested_single = [=[a[b]c]=]
print(nested_single)
print([[
]] == "", [[

]] == "\n")
local f = function(s) return "<" .. s .. ">" end
print(f[[call with long string]], f[==[and level 2]==])
