-- Enough of the `tested` test framework (FourierTransformer/tested, written in Teal, with
-- lanes and cjson underneath) for ftcsv's own tests to run the same way under lua5.1 and
-- ferrous: a test file registers tests with tested.test and returns the module; run it with
--   lua tested.lua TEST.lua ...
-- Each test prints ok or FAIL with what differed (error messages printed in full, so that a
-- different message or position under another interpreter shows as a different line).

local tested = {}
local registered = {}

local function show(v, seen)
  if type(v) ~= "table" then
    return type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  seen = seen or {}
  if seen[v] then return "<cycle>" end
  seen[v] = true
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return type(a) < type(b)
  end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = "[" .. show(k) .. "]=" .. show(v[k], seen) end
  seen[v] = nil
  return "{" .. table.concat(parts, ",") .. "}"
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do
    if not same(v, b[k]) then return false end
  end
  for k in pairs(b) do
    if a[k] == nil then return false end
  end
  return true
end

function tested.test(name, fn)
  registered[#registered + 1] = {name = name, fn = fn}
end

function tested.assert(t)
  if not same(t.expected, t.actual) then
    error("expected " .. show(t.expected) .. ", got " .. show(t.actual), 2)
  end
end

function tested.assert_throws_exception(t)
  local ok, err = pcall(t.actual)
  print("  raised: " .. tostring(err))
  if ok then error("expected an exception: " .. tostring(t.expected), 2) end
  if t.expected ~= nil and not string.find(tostring(err), tostring(t.expected), 1, true) then
    error("expected an exception with " .. tostring(t.expected), 2)
  end
end

package.loaded.tested = tested

if arg and arg[0] and arg[0]:match("tested%.lua$") then
  local passed, failed = 0, 0
  for i = 1, #arg do
    registered = {}
    dofile(arg[i])
    for _, test in ipairs(registered) do
      local ok, err = pcall(test.fn)
      if ok then
        passed = passed + 1
        print("ok      " .. arg[i] .. " / " .. test.name)
      else
        failed = failed + 1
        print("FAIL    " .. arg[i] .. " / " .. test.name .. ": " .. tostring(err))
      end
    end
  end
  print(string.format("total: %d ok, %d failed", passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

return tested
