-- tables as sets and counters, printed in sorted order
local text = "the quick brown fox jumps over the lazy dog the fox"
local counts = {}
for w in text:gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
local words = {}
for w in pairs(counts) do words[#words + 1] = w end
table.sort(words, function(a, b)
  if counts[a] ~= counts[b] then return counts[a] > counts[b] end
  return a < b
end)
for _, w in ipairs(words) do io.write(w, "=", counts[w], " ") end
print()
-- set operations
local function set(list) local s = {} for _, v in ipairs(list) do s[v] = true end return s end
local function keys(s) local r = {} for k in pairs(s) do r[#r + 1] = k end table.sort(r) return table.concat(r, ",") end
local a, b = set({1, 2, 3, 4}), set({3, 4, 5})
local union, inter, diff = {}, {}, {}
for k in pairs(a) do union[k] = true; if b[k] then inter[k] = true else diff[k] = true end end
for k in pairs(b) do union[k] = true end
print(keys(union), keys(inter), keys(diff))
-- booleans and 1 are different keys
local s = {}
s[true] = "T"; s[1] = "one"; s[false] = "F"; s[0] = "zero"
print(s[true], s[1], s[false], s[0], s[1 == 1], s[not true])
-- character histogram
local hist = {}
for ch in ("mississippi"):gmatch(".") do hist[ch] = (hist[ch] or 0) + 1 end
print(keys(hist), hist.i, hist.s, hist.p, hist.m)
