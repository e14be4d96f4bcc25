-- singly linked list: build, reverse, map, filter, iterate
local function cons(h, t) return {head = h, tail = t} end
local function fromarray(a) local l = nil for i = #a, 1, -1 do l = cons(a[i], l) end return l end
local function toarray(l) local a = {} while l do a[#a + 1] = l.head; l = l.tail end return a end
local function reverse(l) local r = nil while l do r = cons(l.head, r); l = l.tail end return r end
local function map(l, f) if not l then return nil end return cons(f(l.head), map(l.tail, f)) end
local function filter(l, p)
  if not l then return nil end
  if p(l.head) then return cons(l.head, filter(l.tail, p)) end
  return filter(l.tail, p)
end
local function iter(l) return function() if l then local v = l.head; l = l.tail; return v end end end
local function length(l) local n = 0 for _ in iter(l) do n = n + 1 end return n end
local l = fromarray({1, 2, 3, 4, 5, 6, 7, 8})
print(table.concat(toarray(l), " "))
print(table.concat(toarray(reverse(l)), " "))
print(table.concat(toarray(map(l, function(x) return x * x end)), " "))
print(table.concat(toarray(filter(l, function(x) return x % 2 == 0 end)), " "))
print(length(l), length(nil))
local big = nil
for i = 1, 10000 do big = cons(i, big) end
print(length(big), big.head, reverse(big).head)
