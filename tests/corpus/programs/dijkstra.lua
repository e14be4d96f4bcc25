-- Dijkstra shortest paths with a binary heap priority queue
local Heap = {}
Heap.__index = Heap
function Heap.new() return setmetatable({n = 0}, Heap) end
function Heap:push(pri, v)
  self.n = self.n + 1
  local i = self.n
  self[i] = {pri, v}
  while i > 1 do
    local p = math.floor(i / 2)
    if self[p][1] <= self[i][1] then break end
    self[p], self[i] = self[i], self[p]
    i = p
  end
end
function Heap:pop()
  if self.n == 0 then return nil end
  local top = self[1]
  self[1] = self[self.n]; self[self.n] = nil; self.n = self.n - 1
  local i = 1
  while true do
    local l, r, m = 2 * i, 2 * i + 1, i
    if l <= self.n and self[l][1] < self[m][1] then m = l end
    if r <= self.n and self[r][1] < self[m][1] then m = r end
    if m == i then break end
    self[m], self[i] = self[i], self[m]
    i = m
  end
  return top[1], top[2]
end
local edges = {
  {"A", "B", 7}, {"A", "C", 9}, {"A", "F", 14}, {"B", "C", 10}, {"B", "D", 15},
  {"C", "D", 11}, {"C", "F", 2}, {"D", "E", 6}, {"E", "F", 9}, {"G", "H", 1},
}
local graph = {}
for _, e in ipairs(edges) do
  local a, b, w = e[1], e[2], e[3]
  graph[a] = graph[a] or {}; graph[b] = graph[b] or {}
  graph[a][#graph[a] + 1] = {b, w}; graph[b][#graph[b] + 1] = {a, w}
end
local function dijkstra(src)
  local dist, prev = {[src] = 0}, {}
  local h = Heap.new()
  h:push(0, src)
  while true do
    local d, u = h:pop()
    if not d then break end
    if d == dist[u] then
      for _, e in ipairs(graph[u]) do
        local v, w = e[1], e[2]
        if not dist[v] or d + w < dist[v] then dist[v] = d + w; prev[v] = u; h:push(d + w, v) end
      end
    end
  end
  return dist, prev
end
local dist, prev = dijkstra("A")
for _, v in ipairs({"A", "B", "C", "D", "E", "F", "G", "H"}) do
  local path, n = {}, v
  while n do table.insert(path, 1, n); n = prev[n] end
  print(v, dist[v] or "unreachable", dist[v] and table.concat(path, "->") or "")
end
