local f = print
local g = f
("x")
