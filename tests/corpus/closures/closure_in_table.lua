-- objects implemented as closures in tables (no metatables)
local function Stack()
  local items, size = {}, 0
  return {
    push = function(v) size = size + 1; items[size] = v end,
    pop = function()
      if size == 0 then return nil end
      local v = items[size]; items[size] = nil; size = size - 1; return v
    end,
    size = function() return size end,
    peek = function() return items[size] end,
  }
end
local s = Stack()
for i = 1, 5 do s.push(i * 11) end
print(s.size(), s.peek(), s.pop(), s.pop(), s.size())
local s2 = Stack()
s2.push("x")
print(s2.size(), s.size(), s2.pop(), s2.pop())
