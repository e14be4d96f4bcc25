-- do ... end blocks in every position
do end
do end
do print("a") end
do local v = 1; do local v = v + 1; do local v = v + 1; print(v) end end end
local function f()
  do return "from do" end
end
print(f())
local function g(n)
  do
    if n > 0 then
      do return "pos" end
    end
  end
  return "nonpos"
end
print(g(1), g(-1))
for i = 1, 3 do do local sq = i * i; io.write(sq, " ") end end
print()
local acc = {}
do
  local a = 1
  acc[1] = function() return a end
  do
    local b = 2
    acc[2] = function() return a + b end
  end
end
print(acc[1](), acc[2]())
