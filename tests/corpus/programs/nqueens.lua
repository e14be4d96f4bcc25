-- N-queens: count all solutions for N = 1..8 and print the first for N = 6
local function solve(n)
  local cols, d1, d2, pos = {}, {}, {}, {}
  local count, first = 0, nil
  local function place(r)
    if r > n then
      count = count + 1
      if not first then first = {unpack(pos)} end
      return
    end
    for c = 1, n do
      if not cols[c] and not d1[r + c] and not d2[r - c + n] then
        cols[c], d1[r + c], d2[r - c + n] = true, true, true
        pos[r] = c
        place(r + 1)
        cols[c], d1[r + c], d2[r - c + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count, first
end
for n = 1, 8 do local c = solve(n); io.write(n, ":", c, " ") end
print()
local _, sol = solve(6)
for r = 1, 6 do
  local row = {}
  for c = 1, 6 do row[c] = sol[r] == c and "Q" or "." end
  print(table.concat(row))
end
