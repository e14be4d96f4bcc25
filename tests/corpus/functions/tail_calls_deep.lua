-- Tail calls never deepen the stack, however many there are and whoever makes them:
-- a self-recursive loop far past the call limit, mutual recursion, a tail call from a
-- method reached through __index, and an error raised at the end of a tail-call chain
-- (its traceback shows the lost frames as "(tail call)").
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(300000, 0))

local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(100001), is_odd(100001))

local t = setmetatable({}, {__index = function(_, k) return k .. "!" end})
local function via_index(n) if n == 0 then return t.done end return via_index(n - 1) end
print(via_index(50000))

local obj = {n = 0}
function obj:count(k) if k == 0 then return self.n end self.n = self.n + 1 return self:count(k - 1) end
print(obj:count(40000))

local function varargs(n, ...)
  if n == 0 then return select("#", ...), ... end
  return varargs(n - 1, ...)
end
print(varargs(30000, "a", nil, "c"))

local function fail(n) if n == 0 then error("deep") end return fail(n - 1) end
print(pcall(fail, 20000))
local function last(n) if n == 0 then local x = nil; return x.field end return last(n - 1) end
last(3)
