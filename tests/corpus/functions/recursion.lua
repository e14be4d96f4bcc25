-- recursive functions: local, global, mutual, deep
local function fact(n) if n <= 1 then return 1 else return n * fact(n - 1) end end
function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(fact(5), fact(20), fib(20))
print(is_even(10), is_odd(7), is_even(7))
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
local function ackermann(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ackermann(m - 1, 1) end
  return ackermann(m - 1, ackermann(m, n - 1))
end
print(ackermann(2, 3), ackermann(3, 3))
local function hanoi(n, from, to, via, moves)
  if n == 0 then return moves end
  hanoi(n - 1, from, via, to, moves)
  moves[#moves + 1] = from .. to
  return hanoi(n - 1, via, to, from, moves)
end
print(table.concat(hanoi(4, "A", "C", "B", {}), " "))
