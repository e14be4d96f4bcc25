-- passing varargs through several levels and to builtins
local function lvl3(...) return select('#', ...), ... end
local function lvl2(...) return lvl3(...) end
local function lvl1(...) return lvl2(...) end
print(lvl1())
print(lvl1(nil, nil, nil))
print(lvl1(1, "two", 3))
local function fmt(...) return string.format(...) end
print(fmt("%s+%s=%d", 1, 2, 3))
local function max(...) return math.max(...) end
print(max(3, 1, 4, 1, 5, 9, 2, 6))
local function concat(...) return table.concat({...}, "/") end
print(concat("a", "b", "c"))
local function wrap(f) return function(...) return "<" .. f(...) .. ">" end end
print(wrap(concat)("x", "y"))
local function tail(...) return select(2, ...) end
print(tail(1, 2, 3, 4))
print(pcall(function(...) return ... end, "p", "q"))
