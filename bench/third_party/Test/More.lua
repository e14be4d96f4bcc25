-- A plain-Lua stand-in for lua-TestMore's Test.More (the TAP functions third-party test files
-- call as globals), so suites written for it run without it. Written here, not copied.
local count, planned, failed = 0, nil, 0

local function emit(good, name)
  count = count + 1
  if not good then failed = failed + 1 end
  print(("%s %d%s"):format(good and "ok" or "not ok", count, name and (" - " .. name) or ""))
  return good
end

local function show(v)
  return type(v) == "string" and ("'" .. v .. "'") or tostring(v)
end

function diag(msg) print("# " .. tostring(msg)) end
function plan(n)
  if type(n) == "number" then planned = n; print("1.." .. n) end
end
function skip_all(reason) print("1..0 # SKIP " .. tostring(reason)); os.exit(0) end
function done_testing(n)
  if planned == nil then print("1.." .. (n or count)) end
end
function pass(name) return emit(true, name) end
function fail(name) return emit(false, name) end
function ok(v, name) return emit(not not v, name) end
function nok(v, name) return emit(not v, name) end
function is(got, expected, name)
  local good = got == expected or (got ~= got and expected ~= expected)
  if not emit(good, name) then
    diag("         got: " .. show(got)); diag("    expected: " .. show(expected))
  end
  return good
end
function isnt(got, expected, name) return emit(got ~= expected, name) end
function like(got, pattern, name)
  local good = type(got) == "string" and got:match(pattern) ~= nil
  if not emit(good, name) then diag("    " .. show(got) .. " doesn't match '" .. pattern .. "'") end
  return good
end
function unlike(got, pattern, name)
  return emit(not (type(got) == "string" and got:match(pattern)), name)
end
function type_ok(v, t, name)
  local good = type(v) == t
  if not emit(good, name) then diag("    " .. show(v) .. " isn't a '" .. t .. "' it's a '" .. type(v) .. "'") end
  return good
end

local function deep(a, b, path)
  if type(a) ~= "table" or type(b) ~= "table" then
    if a == b or (a ~= a and b ~= b) then return nil end
    return path .. ": " .. show(a) .. " ~= " .. show(b)
  end
  for k, v in pairs(a) do
    local d = deep(v, b[k], path .. "[" .. tostring(k) .. "]")
    if d then return d end
  end
  for k, v in pairs(b) do
    if a[k] == nil then return path .. "[" .. tostring(k) .. "]: nil ~= " .. show(v) end
  end
  return nil
end
function is_deeply(got, expected, name)
  local d = deep(got, expected, "")
  if not emit(d == nil, name) then diag("    Structures begin differing at " .. d) end
  return d == nil
end

function error_like(f, pattern, name)
  local good, msg = pcall(f)
  if good then
    emit(false, name); diag("    no error"); return false
  end
  return like(tostring(msg), pattern, name)
end
function require_ok(name)
  local good, err = pcall(require, name)
  if not emit(good, "require '" .. name .. "'") then diag("    " .. tostring(err)) end
  return good
end
function BAIL_OUT(reason) print("Bail out!  " .. tostring(reason)); os.exit(255) end
function lives_ok(f, name) return emit((pcall(f)), name) end
function dies_ok(f, name) return emit(not pcall(f), name) end

return {count = function() return count end, failed = function() return failed end}
