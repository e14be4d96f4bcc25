-- parentheses truncate multiple results
local function three() return 1, 2, 3 end
print(three())
print((three()))
print(three(), 10)
print((three()), 10)
local t = {three()}
local u = {(three())}
print(#t, #u)
local a, b, c = (three())
print(a, b, c)
local function pass(...) return ... end
print(pass(three()))
print(pass((three())))
print(select('#', three()), select('#', (three())))
print(string.format("%d %d", three()))
