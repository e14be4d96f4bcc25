"""The stack an xpcall message handler sees, against lua5.1: a library function that raised
the error (error, assert, string.rep, a for iterator...) is still on the stack under the
handler, so debug.traceback and debug.getinfo in a Lua handler show it at level 2; the
handler itself is named after the failing instruction when that is a call."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

PROGRAM = """
local function tb(m) return debug.traceback(m) end
local function func() error("argh") end
print(xpcall(func, debug.traceback))
print(xpcall(func, tb))
print(xpcall(func, function(m) return debug.traceback(m, 1) end))
print(xpcall(func, function(m)
  local t = {}
  for i = 1, 5 do
    local info = debug.getinfo(i, "Snl")
    t[#t + 1] = info and (info.what .. ":" .. tostring(info.name) .. ":" .. info.currentline) or "-"
  end
  return table.concat(t, " ")
end))
print(xpcall(function() error("a") end, function(m) error("again") end))
print(xpcall(function() error("a") end, function(m) local x = nil; return x.y end))
print(xpcall(function() error("c") end, print))
print(coroutine.resume(coroutine.create(function()
  return xpcall(function() string.format("%d", "x") end, tb)
end)))
print(xpcall(function() for k in next, 5 do end end, tb))
print(xpcall(function() return error("tail") end, tb))
print(xpcall(function() return string.rep() end, tb))
print(xpcall(function() error({}) end, function(e) return type(e) .. debug.traceback("", 1) end))
print(xpcall(function() local function f() error("lvl", 2) end f() end, tb))
print(xpcall(function() setmetatable(setmetatable({}, {__metatable = 1}), {}) end, tb))
print(xpcall(function() return xpcall(function() error("inner") end, tb) end, tb))
print(xpcall(error, tb))
print(xpcall(function() assert(false, "assert msg") end, tb))
print(xpcall(function() return ("x"):bad() end, tb))
print(xpcall(function() local t = {} t.x.y = 1 end, tb))
print(xpcall(function() local t = {} local v = t.nope() + 1 end, function(m)
  local info = debug.getinfo(1, "n")
  return m .. " " .. tostring(info.name) .. " " .. tostring(info.namewhat)
end))
print(xpcall(function() local a = nil; a() end, tb))
-- library functions called as metamethods, and by __call
print(xpcall(function() local t = setmetatable({}, {__index = string.rep}) return t.x end, tb))
print(xpcall(function() local t = setmetatable({}, {__add = string.rep}) return t + 1 end, tb))
print(xpcall(function() local t = setmetatable({}, {__call = string.rep}) return t(1) end, tb))
print(xpcall(function() local t = setmetatable({}, {__newindex = rawset}) t[nil] = 1 end, tb))
print(xpcall(function() local t = setmetatable({}, {__index = string.rep}) return t.x end,
  function(m) return debug.traceback(m) end))
local t = setmetatable({}, {__index = string.rep})
local x = t.x
"""


def test_handler_stack_as_lua51(tier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": PROGRAM.encode()})


# lua.c runs every chunk with its traceback function as the message handler, and that calls
# whatever the global debug.traceback is then (lua-compat-5.3 replaces it, and its output shows
# lua.c's own function as "[C]: ?"); no debug table or no function there: the message alone
UNCAUGHT = {
    "no_traceback": 'debug.traceback = nil\nerror("x")\n',
    "no_debug": 'debug = 1\nerror("x")\n',
    "custom": 'debug.traceback = function(m, l) return "custom:" .. tostring(m) .. ":" .. l end\n'
              'error("x")\n',
    "wrapped": 'local old = debug.traceback\ndebug.traceback = function(m, l) return old(m, l) end\n'
               'local function f() error("x") end f()\n',
    "wrapped_call": 'local old = debug.traceback\n'
                    'debug.traceback = function(m, l) return old(m, l) end\nlocal f\nf()\n',
    "wrapped_index": 'local old = debug.traceback\n'
                     'debug.traceback = function(m, l) return old(m, l) end\nlocal t = {} t.x.y = 1\n',
    "failing": 'debug.traceback = function() error("again") end\nerror("x")\n',
    "library": 'debug.traceback = print\nerror("x")\n',
    "table_answer": 'debug.traceback = function() return {} end\nerror("x")\n',
    "nil_answer": 'debug.traceback = function() return nil end\nerror("x")\n',
    "number": 'debug.traceback = function() return 12 end\nerror(5)\n',
    "table_error": 'debug.traceback = function() return "never" end\nerror({})\n',
    "caught": 'debug.traceback = function() return "never" end\nprint(pcall(error, "x"))\n'
              'print(xpcall(error, function(m) return "h:" .. m end, "y"))\n',
}


@pytest.mark.parametrize("name", sorted(UNCAUGHT))
def test_uncaught_error_goes_to_debug_traceback(name: str, tier: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": UNCAUGHT[name].encode()})


# the name of a call site is worked out once (Prototype.callnames): the same sites failing again
# and again, from several functions and through tail calls, keep their names
REPEATED = """
local up = string.rep
local t = {f = string.rep}
local function a(x) return string.rep(x) end
local function b(x) local r = up(x) return r end
local function c(x) return t.f(x) end
local function d(x) local s = "x" return s:rep(x) end
local out = {}
for i = 1, 30 do
  for _, fn in ipairs({a, b, c, d}) do
    local ok, err = pcall(fn, {})
    out[#out + 1] = err
  end
end
print(#out, out[1], out[2], out[3], out[4], out[117], out[118], out[119], out[120])
print(xpcall(b, debug.traceback, {}))
print(xpcall(d, function(m) return debug.traceback(m) end, {}))
"""


def test_repeated_call_site_names(tier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": REPEATED.encode()})
