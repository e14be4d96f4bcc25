-- varargs keep trailing and embedded nils
print(select("#"), select("#", nil), select("#", nil, nil), select("#", 1, nil))
local function count(...) return select("#", ...) end
print(count(), count(nil), count(nil, nil, nil), count(1, nil, 3, nil, nil))
local function pass(...) return ... end
print(count(pass(nil, nil)), count(pass()), pass(1, nil, 3))
local function tbl(...) local t = {...}; return #t, t.n end
print(count(tbl(1, 2, 3)))
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(nil, 2, nil)
print(p.n, p[1], p[2], p[3])
-- 5.1 compatibility: a vararg function whose body never uses ... gets a local arg table
local function old_style(...) return arg.n, arg[1], arg[2], arg[3] end
print(old_style("first", nil, "third"))
print(old_style())
-- when ... is used, arg is still a local of the function, but it stays nil
local function new_style(...) local a = ...; return a, arg == nil, type(arg) end
print(new_style("value"))
-- select with negative index into nils
print(select(-1, 1, nil), select(-2, nil, 2))
-- assigning varargs to locals pads with nil
local function pad(...) local a, b, c = ...; return a, b, c end
print(pad(1))
print(pad(1, 2, 3, 4))
-- varargs in the middle are truncated to one value
local function mid(...) return ..., "end" end
print(mid(1, 2, 3))
print(mid())
