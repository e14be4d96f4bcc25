-- non-tail recursion to depth 10000 works
local function depth(n)
  if n == 0 then return 0 end
  return 1 + depth(n - 1)
end
print(depth(10000))
local function sum_list(n)
  if n == 0 then return 0 end
  local rest = sum_list(n - 1)
  return n + rest
end
print(sum_list(10000))
-- mutual recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(5000), is_odd(5001), is_even(7))
-- recursion building nested tables
local function nest(n) if n == 0 then return {} end return {nest(n - 1)} end
local t = nest(5000)
local d = 0
while t[1] do t = t[1]; d = d + 1 end
print(d)
-- ackermann with small arguments
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3), ack(3, 3))
