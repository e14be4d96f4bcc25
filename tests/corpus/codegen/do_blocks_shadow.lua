-- do blocks with locals, shadowing, and register reuse after a block
local a = "outer a"
do
  local a = "block a"
  local b = "block b"
  print(a, b)
  do
    local a = a .. "+"
    print(a)
  end
  print(a)
end
print(a, b)
local x = 1
local x = x + 1
local x = x * 10
print(x)
do
  local f
  do
    local hidden = "captured in inner block"
    f = function() return hidden end
  end
  local reuse = "reused register"
  print(f(), reuse)
end
for i = 1, 2 do
  local i = "shadowed loop var " .. i
  print(i)
end
local function p(p) return p end
print(p(3))
local t = {}
do local t = {1} ; print(#t) end
print(#t)
