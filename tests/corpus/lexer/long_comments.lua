-- comments: short, long of several levels, and tricky neighbours
print("one") -- a short comment
--[[ a long comment
spanning lines print("hidden") ]]
print("two")
--[=[ level 1 ]] still comment ]=] print("three")
--[==[
  print("hidden 2")
  ]=] ]] 
]==]
print("four") --[[ inline ]] print("five")
---[[ this is a short comment because of the third dash
print("six")
--]]
--[ not a long comment, just short
print("seven")
-- [[ also a short comment
print("eight")
--[===[]===]print("nine")
local x = 1 --[[ comment between tokens ]] + 2
print(x)
--[====[ level 4 comment with [[ ]] [=[ ]=] inside ]====]
print("ten")
--
--[[]]
print("end") -- final comment without newline at end of file