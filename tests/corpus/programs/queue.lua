-- double-ended queue with two indices
local Deque = {}
Deque.__index = Deque
function Deque.new() return setmetatable({first = 0, last = -1, items = {}}, Deque) end
function Deque:push_front(v) self.first = self.first - 1; self.items[self.first] = v end
function Deque:push_back(v) self.last = self.last + 1; self.items[self.last] = v end
function Deque:pop_front()
  if self.first > self.last then return nil end
  local v = self.items[self.first]
  self.items[self.first] = nil
  self.first = self.first + 1
  return v
end
function Deque:pop_back()
  if self.first > self.last then return nil end
  local v = self.items[self.last]
  self.items[self.last] = nil
  self.last = self.last - 1
  return v
end
function Deque:size() return self.last - self.first + 1 end
function Deque:totable()
  local t = {}
  for i = self.first, self.last do t[#t + 1] = self.items[i] end
  return t
end
local d = Deque.new()
for i = 1, 5 do d:push_back(i) end
for i = 1, 3 do d:push_front(-i) end
print(d:size(), table.concat(d:totable(), " "))
print(d:pop_front(), d:pop_back(), d:size())
while d:size() > 0 do io.write(d:pop_front(), " ") end
print()
print(d:pop_front(), d:pop_back())
-- BFS on a small grid using the deque as a queue
local grid = {
  "S.#.....",
  ".##.###.",
  "....#...",
  ".##...#E",
}
local H, W = #grid, #grid[1]
local sr, sc, er, ec
for r = 1, H do for c = 1, W do
  local ch = grid[r]:sub(c, c)
  if ch == "S" then sr, sc = r, c elseif ch == "E" then er, ec = r, c end
end end
local dist = {}
local q = Deque.new()
q:push_back({sr, sc}); dist[sr * 100 + sc] = 0
while q:size() > 0 do
  local cur = q:pop_front()
  local r, c = cur[1], cur[2]
  for _, dlt in ipairs({{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) do
    local nr, nc = r + dlt[1], c + dlt[2]
    if nr >= 1 and nr <= H and nc >= 1 and nc <= W and grid[nr]:sub(nc, nc) ~= "#" and not dist[nr * 100 + nc] then
      dist[nr * 100 + nc] = dist[r * 100 + c] + 1
      q:push_back({nr, nc})
    end
  end
end
print("shortest path", dist[er * 100 + ec])
