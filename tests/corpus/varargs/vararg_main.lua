-- the main chunk is a vararg function
local n = select('#', ...)
print("main chunk args", n)
local t = {...}
print(#t)
local function inner(...) return select('#', ...), ... end
print(inner(...))
print(inner(..., "x"))
print(inner("x", ...))
