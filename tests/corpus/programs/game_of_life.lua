-- Conway's game of life on a small torus
local W, H = 10, 8
local function empty() local g = {} for r = 1, H do g[r] = {} for c = 1, W do g[r][c] = false end end return g end
local g = empty()
for _, p in ipairs({{1, 2}, {2, 3}, {3, 1}, {3, 2}, {3, 3}, {6, 7}, {6, 8}, {6, 9}}) do g[p[1]][p[2]] = true end
local function step(g)
  local n = empty()
  for r = 1, H do for c = 1, W do
    local cnt = 0
    for dr = -1, 1 do for dc = -1, 1 do
      if dr ~= 0 or dc ~= 0 then
        local rr, cc = (r + dr - 1) % H + 1, (c + dc - 1) % W + 1
        if g[rr][cc] then cnt = cnt + 1 end
      end
    end end
    n[r][c] = cnt == 3 or (g[r][c] and cnt == 2)
  end end
  return n
end
local function show(g)
  for r = 1, H do
    local row = {}
    for c = 1, W do row[c] = g[r][c] and "#" or "." end
    print(table.concat(row))
  end
end
for gen = 0, 4 do
  print("gen " .. gen)
  show(g)
  g = step(g)
end
