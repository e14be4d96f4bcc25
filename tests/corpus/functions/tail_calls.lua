-- proper tail calls do not grow the stack
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + n)
end
print(loop(100000, 0))
local a, b
function a(n) if n == 0 then return "a done" end return b(n - 1) end
function b(n) if n == 0 then return "b done" end return a(n - 1) end
print(a(100001), a(100000))
local obj = {n = 0}
function obj:step(k)
  if k == 0 then return self.n end
  self.n = self.n + 1
  return self:step(k - 1)
end
print(obj:step(50000))
local function ret_many(n) if n == 0 then return 1, 2, 3 end return ret_many(n - 1) end
print(ret_many(1000))
local function not_tail(n) if n == 0 then return 0 end return (not_tail(n - 1)) end
print(not_tail(100))
