-- yielding from deep inside nested Lua calls (no C boundary in between)
local function walk(tree, depth)
  if type(tree) == "table" then
    for _, child in ipairs(tree) do walk(child, depth + 1) end
  else
    coroutine.yield(tree, depth)
  end
end
local tree = {1, {2, {3, {4, {5}}}, 6}, {{{7}}}, 8}
for leaf, depth in coroutine.wrap(function() walk(tree, 0) end) do
  io.write(leaf, "@", depth, " ")
end
print()
-- yield inside a recursive function 200 levels deep
local function dive(n)
  if n == 0 then return coroutine.yield("bottom") end
  return (dive(n - 1)) .. "."
end
local co = coroutine.create(function() return dive(200) end)
print(coroutine.resume(co))
local ok, s = coroutine.resume(co, "up")
print(ok, #s, s:sub(1, 5))
-- yield through a tail call chain
local function t3(x) return coroutine.yield(x + 3) end
local function t2(x) return t3(x + 2) end
local function t1(x) return t2(x + 1) end
local co2 = coroutine.create(t1)
print(coroutine.resume(co2, 0))
print(coroutine.resume(co2, "tail result"))
-- yield through __call (allowed: it is a plain Lua call)
local callable = setmetatable({}, {__call = function(self, v) return coroutine.yield(v) end})
local co3 = coroutine.create(function() return "got " .. callable("via __call") end)
print(coroutine.resume(co3))
print(coroutine.resume(co3, "resumed"))
