-- loop variables are local to the loop body
local i = "outer"
for i = 1, 2 do end
print(i)
local k, v = "k", "v"
for k, v in pairs({a = 1}) do end
print(k, v)
for i = 1, 3 do
  local i = i * 100
  io.write(i, " ")
end
print()
local fns = {}
for i = 1, 3 do
  fns[i] = function() i = i + 1; return i end
end
print(fns[1](), fns[1](), fns[2](), fns[3]())
