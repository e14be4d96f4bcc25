-- A small runner for busted and telescope spec files, so that third-party libraries' own
-- specs run the same way under lua5.1 and ferrous (bench/third_party.py compares the two).
-- Usage: lua busted.lua SPEC.lua ...   (luassert and say on package.path for busted specs)
-- It prints one line per test (ok, FAIL with the message, pending) and a total; the exit
-- status is 1 when a test failed. It is not busted: no output handlers, no tags, no
-- coroutines per test; describe blocks run as they are declared, tests after collection.

local has_luassert, luassert = pcall(require, "luassert")
local spy, stub, mock, match
if has_luassert then
  spy, stub, mock, match = require("luassert.spy"), require("luassert.stub"),
    require("luassert.mock"), require("luassert.match")
end

local root = {name = nil, children = {}, befores = {}, afters = {}, setups = {}, teardowns = {}}
local current = root
local passed, failed, pending_count = 0, 0, 0
local finallies

local function add_child(kind, name, fn)
  local node = {kind = kind, name = name, fn = fn, parent = current, children = {},
    befores = {}, afters = {}, setups = {}, teardowns = {}}
  table.insert(current.children, node)
  return node
end

local function describe(name, fn)
  local node = add_child("describe", name, fn)
  local saved = current
  current = node
  local ok, err = pcall(fn)
  current = saved
  if not ok then
    node.error = tostring(err)
  end
end

local function it(name, fn)
  add_child("it", name, fn)
end

local function pending(name)
  add_child("pending", name)
end

local function full_name(node)
  local parts = {}
  while node and node.name do
    table.insert(parts, 1, tostring(node.name))
    node = node.parent
  end
  return table.concat(parts, " / ")
end

local function message_of(err)
  if type(err) == "table" and err.message ~= nil and getmetatable(err) == nil then
    return tostring(err.message)
  end
  return tostring(err)
end

local function chain(node, field, outer_first)
  local list = {}
  local n = node.parent
  while n do
    if outer_first then
      table.insert(list, 1, n)
    else
      table.insert(list, n)
    end
    n = n.parent
  end
  local fns = {}
  for _, d in ipairs(list) do
    for _, f in ipairs(d[field]) do
      table.insert(fns, f)
    end
  end
  return fns
end

local function run_test(node)
  finallies = {}
  local ok, err = true, nil
  for _, f in ipairs(chain(node, "befores", true)) do
    ok, err = pcall(f)
    if not ok then break end
  end
  if ok then
    ok, err = pcall(node.fn)
  end
  for _, f in ipairs(chain(node, "afters", false)) do
    local ok2, err2 = pcall(f)
    if ok and not ok2 then ok, err = ok2, err2 end
  end
  for _, f in ipairs(finallies) do
    local ok2, err2 = pcall(f)
    if ok and not ok2 then ok, err = ok2, err2 end
  end
  finallies = nil
  if ok then
    passed = passed + 1
    print("ok      " .. full_name(node))
  else
    failed = failed + 1
    print("FAIL    " .. full_name(node) .. ": " .. message_of(err))
  end
end

local function run(node)
  if node.error then
    failed = failed + 1
    print("FAIL    " .. full_name(node) .. " (in the describe block): " .. node.error)
  end
  for _, f in ipairs(node.setups) do
    local ok, err = pcall(f)
    if not ok then
      failed = failed + 1
      print("FAIL    " .. full_name(node) .. " (setup): " .. message_of(err))
      return
    end
  end
  for _, child in ipairs(node.children) do
    if child.kind == "describe" then
      run(child)
    elseif child.kind == "it" then
      run_test(child)
    else
      pending_count = pending_count + 1
      print("pending " .. full_name(child))
    end
  end
  for _, f in ipairs(node.teardowns) do
    local ok, err = pcall(f)
    if not ok then
      failed = failed + 1
      print("FAIL    " .. full_name(node) .. " (teardown): " .. message_of(err))
    end
  end
end

local function hook(field)
  return function(fn) table.insert(current[field], fn) end
end

-- busted's names
_G.describe, _G.context, _G.insulate, _G.expose = describe, describe, describe, describe
_G.it, _G.test, _G.spec, _G.pending = it, it, it, pending
_G.before_each, _G.after_each = hook("befores"), hook("afters")
_G.setup, _G.teardown = hook("setups"), hook("teardowns")
_G.lazy_setup, _G.lazy_teardown = _G.setup, _G.teardown
_G.strict_setup, _G.strict_teardown = _G.setup, _G.teardown
_G.before, _G.after = _G.before_each, _G.after_each
_G.finally = function(fn) table.insert(finallies, fn) end
if has_luassert then
  _G.assert, _G.spy, _G.stub, _G.mock, _G.match = luassert, spy, stub, mock, match
end
-- specs that require("busted") itself (lua_cliargs' spec_helper) get the same functions
package.preload.busted = function()
  return {describe = describe, it = it, pending = pending, before_each = _G.before_each,
    after_each = _G.after_each, setup = _G.setup, teardown = _G.teardown}
end

-- telescope's assertions
local function check(cond, msg)
  if not cond then error(msg, 3) end
end
_G.assert_equal = function(a, b) check(a == b, "expected " .. tostring(a) .. " == " .. tostring(b)) end
_G.assert_not_equal = function(a, b) check(a ~= b, "expected " .. tostring(a) .. " ~= " .. tostring(b)) end
_G.assert_true = function(a) check(a == true, "expected true, got " .. tostring(a)) end
_G.assert_false = function(a) check(a == false, "expected false, got " .. tostring(a)) end
_G.assert_nil = function(a) check(a == nil, "expected nil, got " .. tostring(a)) end
_G.assert_not_nil = function(a) check(a ~= nil, "expected a value, got nil") end
_G.assert_type = function(a, t) check(type(a) == t, "expected a " .. t .. ", got " .. type(a)) end
_G.assert_not_type = function(a, t) check(type(a) ~= t, "expected no " .. t) end
_G.assert_error = function(f, ...) check(not pcall(f, ...), "expected an error") end
_G.assert_not_error = function(f, ...)
  local ok, err = pcall(f, ...)
  check(ok, "expected no error, got " .. tostring(err))
end
_G.assert_match = function(p, s) check(string.match(s, p) ~= nil, "expected " .. tostring(s) .. " to match " .. p) end
_G.assert_not_match = function(p, s) check(string.match(s, p) == nil, "expected no match of " .. p) end
_G.assert_len = function(n, t) check(#t == n, "expected length " .. n .. ", got " .. #t) end
_G.assert_empty = function(t) check(next(t) == nil, "expected an empty table") end
_G.assert_not_empty = function(t) check(next(t) ~= nil, "expected a table with entries") end
_G.assert_gt = function(a, b) check(a > b, "expected " .. tostring(a) .. " > " .. tostring(b)) end
_G.assert_lt = function(a, b) check(a < b, "expected " .. tostring(a) .. " < " .. tostring(b)) end
_G.assert_gte = function(a, b) check(a >= b, "expected " .. tostring(a) .. " >= " .. tostring(b)) end
_G.assert_lte = function(a, b) check(a <= b, "expected " .. tostring(a) .. " <= " .. tostring(b)) end

for i = 1, #arg do
  current = root
  local node = add_child("describe", arg[i], nil)
  current = node
  local chunk, err = loadfile(arg[i])
  if not chunk then
    node.error = err
  else
    local ok, run_err = pcall(chunk)
    if not ok then node.error = tostring(run_err) end
  end
  current = root
end
run(root)
print(string.format("total: %d ok, %d failed, %d pending", passed, failed, pending_count))
os.exit(failed == 0 and 0 or 1)
