-- global reads/writes (GETGLOBAL/SETGLOBAL) in the main chunk and in functions
counter = 0
counter = counter + 1
local function bump() counter = counter + 10 end
bump() bump()
print(counter)
name = "n"
name = name .. name
print(name)
local function make() newglobal = {x = 1} end
make()
newglobal.x = newglobal.x + 1
print(newglobal.x)
ga, gb, gc = 1, 2
print(ga, gb, gc)
print(type(undefined_name), undefined_name)
_G.via_G = "set via _G"
print(via_G)
local saved = print
print = function(...) saved("wrapped:", ...) end
print("hello")
print = saved
print("restored")
