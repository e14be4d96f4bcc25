-- matrices: multiplication, transpose, determinant, identity, power
local function new(r, c, f)
  local m = {rows = r, cols = c}
  for i = 1, r do m[i] = {} for j = 1, c do m[i][j] = f and f(i, j) or 0 end end
  return m
end
local function mul(a, b)
  assert(a.cols == b.rows, "size mismatch")
  return new(a.rows, b.cols, function(i, j)
    local s = 0
    for k = 1, a.cols do s = s + a[i][k] * b[k][j] end
    return s
  end)
end
local function transpose(a) return new(a.cols, a.rows, function(i, j) return a[j][i] end) end
local function det(a)
  local n = a.rows
  local m = new(n, n, function(i, j) return a[i][j] end)
  local d = 1
  for c = 1, n do
    local p = c
    for r = c + 1, n do if math.abs(m[r][c]) > math.abs(m[p][c]) then p = r end end
    if m[p][c] == 0 then return 0 end
    if p ~= c then m[p], m[c] = m[c], m[p]; d = -d end
    d = d * m[c][c]
    for r = c + 1, n do
      local f = m[r][c] / m[c][c]
      for k = c, n do m[r][k] = m[r][k] - f * m[c][k] end
    end
  end
  return d
end
local function show(m)
  for i = 1, m.rows do
    local row = {}
    for j = 1, m.cols do row[j] = string.format("%6g", m[i][j]) end
    print(table.concat(row, " "))
  end
end
local a = new(2, 3, function(i, j) return i + j end)
local b = new(3, 2, function(i, j) return i * j end)
show(mul(a, b))
show(transpose(a))
local m = new(3, 3, function(i, j) return ({{2, -3, 1}, {2, 0, -1}, {1, 4, 5}})[i][j] end)
print(det(m))
local fibm = new(2, 2, function(i, j) return (i == 2 and j == 2) and 0 or 1 end)
local p = new(2, 2, function(i, j) return i == j and 1 or 0 end)
for _ = 1, 30 do p = mul(p, fibm) end
print(p[1][2])
print(pcall(mul, a, a))
