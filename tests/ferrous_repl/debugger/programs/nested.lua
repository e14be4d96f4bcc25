local function leaf(v)
  local doubled = v * 2
  return doubled
end

local function middle(x)
  local secret = x + 100
  return leaf(x) + secret
end

print(middle(5))
