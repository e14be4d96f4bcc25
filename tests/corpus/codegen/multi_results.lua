-- multiple results in the middle vs at the end of lists
local function mr() return 1, 2, 3 end
local function count(...) return select('#', ...) end
print(count(mr()), count(mr(), mr()), count(mr(), 0), count((mr())))
local t = {mr(), mr()}
print(#t)
local u = {mr(), mr(), x = 1}
print(#u)
local v = {[mr()] = "k"}
print(v[1])
local w = {}
w[mr()] = mr()
print(w[1])
local a, b, c, d = mr(), mr()
print(a, b, c, d)
print(mr(), mr())
print(#{mr(), nil}, #{nil, mr()})
local s = string.format("%d%d%d", mr())
print(s)
local o = {m = function(self, ...) return count(...) end}
print(o:m(mr()), o:m(mr(), mr()), o:m((mr())))
