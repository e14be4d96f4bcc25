local function f(x)
  return x

print(f(1))
