"""xpcall's message handler and the C-call limit, against lua5.1 (run in the test), under both
tiers: library handlers that call back into Lua (tostring through __tostring, print, pcall, a
coroutine.wrap function) are called, not refused; a handler that calls xpcall with itself
nests until LUAI_MAXCCALLS and LUA_ERRERR as in 5.1 (110 handler calls, ``false false``);
pcall and library callbacks at the C-call limit fail where 5.1 fails (inside the library
function: no position, its own pcall catches it), and a caught overflow leaves no count
behind; a nested resume counts one C call as lua_resume does (199 nested coroutines)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

PROGRAMS = {
    "library_handlers": """
print(xpcall(function() error("x") end, tostring))
print(xpcall(function() error("x") end, print))
print(xpcall(function() error("x") end, pcall))
local t = setmetatable({}, {__tostring = function(s) return "TS" end})
print(xpcall(function() error(t) end, tostring))
print(xpcall(function() error("y") end,
  coroutine.wrap(function(m) coroutine.yield("wrapped:" .. m) end)))
print(xpcall(function() local x = nil; return x.y end, tostring))
print(xpcall(function() error("z") end, select))
local bad = setmetatable({}, {__tostring = function() error("in tostring") end})
print(xpcall(function() error(bad) end, tostring))
""",
    "handler_calls_xpcall_with_itself": """
local n = 0
local function h(m) n = n + 1; return xpcall(function() error(m) end, h) end
print(xpcall(function() error("x") end, h))
print(n)
n = 0
local function h2(m) n = n + 1; return xpcall(error, h2) end
print(xpcall(error, h2))
print(n)
""",
    "failing_handlers": """
local n = 0
print(xpcall(function() error("x") end, function(m) n = n + 1; error("again") end))
print(n > 1)
n = 0
print(xpcall(function() error("x") end,
  function(m) n = n + 1; if n == 1 then error("second", 0) end; return "got " .. m end))
""",
    "c_stack_limit": """
local n, m = 0, nil
local function f() n = n + 1; local ok, e = pcall(f); if not ok and not m then m = e end end
f() print(n, m)
for i = 1, 3 do
  n, m = 0, nil
  local function g() n = n + 1; local ok, e = pcall(string.gsub, "a", "a", g); if not ok then m = e end end
  g() print(n, m)
end
for i = 1, 3 do
  n = 0
  local t = setmetatable({}, {__index = function(t, k) n = n + 1; return t[k] end})
  print(pcall(function() return t.x end), n)
end
n, m = 0, nil
local function h() n = n + 1; local ok, e = xpcall(h, function(m) return m end); if not ok then m = e end end
h() print(n, m)
""",
    "coroutine_resume_chains": """local n = 0
local function f()
  n = n + 1; local co = coroutine.create(f); local ok, e = coroutine.resume(co)
  if not ok then m = e end; return ok, e
end
print(f(), n, m)
n = 0
local function g() n = n + 1; return coroutine.wrap(g)() end
print(pcall(g)) print(n)
n = 0
local function h()
  n = n + 1; local ok, e = coroutine.resume(coroutine.create(h)); if not ok then error(e, 0) end
  return e
end
print(pcall(h)) print(n)
""",
    "coroutines_at_the_c_limit": """
-- nested coroutines to depth d, then pcall recursion until C stack overflow: count
local function pdepth()
  local n = 0
  local function f() n = n + 1; local ok, e = pcall(f); if not ok and n < 1000 then m = e end end
  f()
  return n
end
local function nest(d, k)
  if d == 0 then return k() end
  local co = coroutine.create(function() return nest(d - 1, k) end)
  local ok, r = coroutine.resume(co)
  if not ok then return "err:" .. tostring(r) end
  return r
end
for _, d in ipairs{0, 1, 2, 5, 50, 150, 190, 195, 196, 197, 198, 199, 200} do
  print(d, nest(d, pdepth))
end
-- yields at depth
local function ynest(d)
  if d == 0 then return coroutine.yield("deep") end
  local co = coroutine.wrap(function() return ynest(d - 1) end)
  local r = co()
  return r
end
for _, d in ipairs{1, 2, 5, 100, 190, 195, 196, 197, 198, 199} do
  local co = coroutine.create(function() return ynest(d) end)
  print(d, coroutine.resume(co))
  print(d, coroutine.resume(co, "again"))
end
-- a coroutine resumed repeatedly from different depths
local gen = coroutine.wrap(function() for i = 1, 1000 do coroutine.yield(i) end end)
local function at(n) if n == 0 then return gen() end local ok, v = pcall(at, n - 1) return v end
for _, n in ipairs{0, 10, 100, 190, 195, 196, 197, 198, 199, 200} do print(n, at(n)) end
""",
}


# every kind of handler, each in its own program (lua5.1 hangs at exit after some mixes)
HANDLERS = [
    "tostring", "print", "pcall", "error", "dead_wrap", "setmetatable({}, {__call = print})",
    "string.rep", "select", "unpack", "xpcall", "next", "assert", "type", "coroutine.running",
    "debug.traceback", "function(m) local x = nil; return x.y end",
    "function(m) return m, 2, 3 end", "function() end",
    "coroutine.wrap(function(m) while true do m = coroutine.yield('w' .. tostring(m)) end end)",
    "string.gsub", "table.sort", "load", "loadstring",
]

EACH_HANDLER = """
local dead_wrap = coroutine.wrap(function() end); dead_wrap()
local h = %s
print(xpcall(function() error("x") end, h))
print(xpcall(function() local t = nil; return t.x end, h))
print(pcall(xpcall, function() error({}) end, h))
local c = coroutine.create(function() return xpcall(function() error("c") end, h) end)
print(coroutine.resume(c))
"""


@pytest.mark.parametrize("handler", HANDLERS)
def test_each_handler_as_lua51(handler: str, tier: str, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch,
            files={"prog.lua": (EACH_HANDLER % handler).encode()})


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_as_lua51(name: str, tier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": PROGRAMS[name].encode()})
