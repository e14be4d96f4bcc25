-- local declarations, blocks and shadowing
local x = 1
print(x)
do
  local x = x + 1
  print(x)
  do
    local x = x * 10
    print(x)
  end
  print(x)
end
print(x)
local x = "shadow"
print(x)
local y, y = 1, 2
print(y)
local function f() return x end
x = "changed"
print(f())
for x = 1, 2 do print("loop", x) end
print(x)
do local a; print(a) end
local a, b, c
print(a, b, c)
local n1, n2 = 5
print(n1, n2)
