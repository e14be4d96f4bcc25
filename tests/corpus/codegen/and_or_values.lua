-- and/or chains in value context (TESTSET, LOADBOOL, jump lists)
local a, b, c, d = 1, nil, false, "d"
local function p(...) print(...) end
local v1 = a and b
local v2 = a or b
local v3 = b or c or d
local v4 = a and d and "last"
local v5 = b and a or d
local v6 = a and (b or c) or d
local v7 = (a or b) and (c or d)
local v8 = a < 2 and "lt" or "ge"
local v9 = a == 1 or b
local v10 = not a or d
local v11 = b == nil and c == false
local v12 = (a and b) == nil
p(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12)
local g
g = a and 10 or 20
p(g)
g = b and 10 or 20
p(g)
local t = {}
t.x = a and b or c
t[1] = d or a
t[a] = a < 0 or a > 0
p(t.x, t[1], t[a])
glob = c or d and a
p(glob)
p(a and b or c and d or "fallback")
p(not (a and b), not a and b, not (a or b), not b or not c)
p((a and 1 or 2) + (b and 1 or 2))
p(a > 0 and a < 2 and "in range" or "out")
local x = nil
local y = x and x.field or "default"
p(y)
p(d and #d or 0, b and #b or 0)
local function f(v) return v end
p(f(a) and f(b) or f(d))
p(f(a and b) or f(c and d), f(a or b and c))
p(a == 1 and b == nil and c == false and d == "d")
p(a ~= 1 or b ~= nil or c ~= false or d ~= "d")
