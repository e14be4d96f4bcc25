local function inner(t)
  local k = "x"
  return t[k].y
end

local function outer(depth)
  local label = "outer"
  return inner({x = false}), depth, label
end

print("before")
outer(3)
print("never")
