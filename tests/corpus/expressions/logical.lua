-- and / or / not as values
local function show(...) 
  local t = {...}
  for i = 1, select('#', ...) do t[i] = tostring(t[i]) end
  print(table.concat(t, " "))
end
local n, f, t0 = nil, false, true
show(n and 1, f and 1, t0 and 1, 0 and 1, "" and 1)
show(n or 1, f or 1, t0 or 1, 0 or 1, "" or 1)
show(not n, not f, not t0, not 0, not "")
show(n and f or 3, t0 and f or 4, t0 and 5 or 6)
show(1 and 2 and 3, nil and 2 and 3, 1 and nil and 3, 1 or 2 or 3, nil or false or 7)
local x = 10
show(x > 5 and "big" or "small", x > 50 and "big" or "small")
show(x and x + 1, n and n + 1)
local cnt = 0
local function inc() cnt = cnt + 1 return cnt end
local r = f and inc() or inc()
show(r, cnt)
r = t0 or inc()
show(r, cnt)
show(not not nil, not not x, not (x == 10), not x == 10)
