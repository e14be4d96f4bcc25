"""debug.sethook/gethook against lua5.1: line events (loops, jumps back, returns into
callers), call and return events (Lua and library functions, tail calls), count hooks, hooks
per coroutine, hooks set and cleared from inside hooks, getinfo/getlocal from a hook."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

COLLECT = """
local events = {}
local function record(e, l)
  local info = debug.getinfo(2, "nS")
  events[#events + 1] = e .. ":" .. tostring(l) .. ":" .. tostring(info.what) .. ":" .. tostring(info.name)
end
"""

PROGRAMS = {
    "lines": COLLECT + """
debug.sethook(record, "l")
local s = 0
for i = 1, 3 do
  s = s + i
end
while s > 0 do s = s - 4 end
repeat s = s + 1 until s > 2
if s then s = 1 else s = 2 end
debug.sethook()
print(table.concat(events, " "))
""",
    "calls_and_returns": COLLECT + """
local function leaf(x) return x * 2 end
local function mid(x) local y = leaf(x) return y + 1 end
debug.sethook(record, "cr")
local r = mid(3)
local m = math.max(r, 1)
debug.sethook()
print(r, m)
print(table.concat(events, " "))
""",
    "tail_calls": """
local events = {}
local function leaf(x) return x * 2 end
local function tail(x) return leaf(x) end
local function mid(x) local y = tail(x) return y + 1 end
debug.sethook(function(e) events[#events + 1] = e .. ":" .. debug.getinfo(2, "S").what end, "cr")
local r = mid(3)
debug.sethook()
print(r, table.concat(events, " "))
""",
    "all_events": COLLECT + """
local t = setmetatable({}, {__index = function(t, k) return k .. "!" end})
debug.sethook(record, "crl")
local v = t.x
local ok = pcall(error, "e")
debug.sethook()
print(v, ok)
print(table.concat(events, " "))
""",
    "count": """
local n = 0
debug.sethook(function(e) n = n + 1 end, "", 3)
for i = 1, 300 do end
debug.sethook()
print(n > 90 and n < 110, debug.gethook())
debug.sethook(print, "", 7)
print(select(2, debug.gethook()) == "", select(3, debug.gethook()))
debug.sethook()
""",
    # every count event's place, exactly: a thread hooked for counts only runs at full pace
    # between two events (interp.py's _counted), which must not move them
    "count_exact": """
local out = {}
local function rec(e)
  local info = debug.getinfo(2, "l")
  out[#out + 1] = info.currentline
end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = setmetatable({}, {__index = function(t, k) return k * 2 end})
for _, count in ipairs({1, 2, 3, 5, 7, 13, 50}) do
  out = {}
  debug.sethook(rec, "", count)
  local s = 0
  for i = 1, 20 do s = s + t[i] end
  s = s + fib(6)
  local ok, err = pcall(error, "x")
  local co = coroutine.wrap(function(a) for i = 1, 3 do coroutine.yield(i) end end)
  co() co()
  local str = string.rep("a", 10):gsub("a", function(c) return c .. "b" end)
  debug.sethook()
  print(count, #out, s, table.concat(out, " "))
end
local n = 0
debug.sethook(function(e, l)  -- a count hook that asks for line events
  n = n + 1
  if e == "count" then debug.sethook(debug.gethook(), "l", 0) end
  if n > 6 then debug.sethook() end
  out[#out + 1] = e .. tostring(l)
end, "", 9)
out = {}
local x = 0
while x < 10 do x = x + 1 end
debug.sethook()
print(table.concat(out, " "))
local co = coroutine.create(function()
  local s = 0
  for i = 1, 100 do s = s + i end
  coroutine.yield(s)
  for i = 1, 50 do s = s + i end
  return s
end)
local m = 0
debug.sethook(co, function() m = m + 1 end, "", 4)
print(coroutine.resume(co)); print(m)
print(coroutine.resume(co)); print(m)
local quota = coroutine.create(function() while true do end end)
debug.sethook(quota, function() error("quota exceeded") end, "", 100000)
print(coroutine.resume(quota))
""",
    "gethook": """
local function h() end
debug.sethook(h, "lrc", 5)
local f, m, c = debug.gethook()
debug.sethook()
print(f == h, m, c)
print(debug.gethook())
debug.sethook(h, "")
print(debug.gethook())
print(pcall(debug.sethook, h))
print(pcall(debug.sethook, 1, "l"))
""",
    "coroutines": """
local lines = {}
local co = coroutine.create(function(a)
  local b = a + 1
  coroutine.yield(b)
  return b * 2
end)
debug.sethook(co, function(e, l) lines[#lines + 1] = e .. tostring(l) end, "l")
print(coroutine.resume(co, 1))
print(coroutine.resume(co))
print(debug.gethook(co) ~= nil, debug.gethook())
print(table.concat(lines, " "))
""",
    "hook_sets_hook": """
local seen = {}
a = {}
function a:f(x, y, ...) local c = 13 return x + y end
debug.sethook(function(e)
  debug.sethook(function(e, l)
    debug.sethook()
    local i = 1
    while true do
      local name, value = debug.getlocal(2, i)
      -- (what 5.1 shows past the named locals is its own stack: the hook table)
      if not name or name == "(*temporary)" then break end
      seen[#seen + 1] = name .. "=" .. type(value)
      i = i + 1
    end
    seen[#seen + 1] = "line " .. l .. " " .. debug.getinfo(2, "l").currentline
  end, "l")
end, "c")
print(a:f(1, 2, 3))
print(table.concat(seen, " "))
""",
    "errors_in_hooks": """
local calls = 0
debug.sethook(function(e, l)
  calls = calls + 1
  if calls == 3 then error("from the hook") end
end, "l")
local ok, msg = pcall(function()
  local x = 1
  x = x + 1
  return x
end)
debug.sethook()
print(ok, msg, calls)
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_hooks_fire_as_in_lua51(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": PROGRAMS[name].encode()})
