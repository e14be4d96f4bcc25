-- __eq, __lt, __le metamethods
local mt = {}
local function val(v) return setmetatable({v = v}, mt) end
mt.__eq = function(a, b) return a.v == b.v end
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local x, y, z = val(1), val(2), val(1)
print(x == z, x ~= z, x == y, x < y, y < x, x <= z, y <= x, x > y, y >= x)
local other = setmetatable({v = 1}, {__eq = mt.__eq})
print(x == other)
local only_lt = {__lt = function(a, b) return a.n < b.n end}
local p = setmetatable({n = 1}, only_lt)
local q = setmetatable({n = 2}, only_lt)
print(p < q, q < p, p <= q, q <= p)
print(pcall(function() return {} < {} end))
print(x == 1, 1 == x)
local list = {val(5), val(3), val(9), val(1)}
table.sort(list)
for _, e in ipairs(list) do io.write(e.v, " ") end
print()
