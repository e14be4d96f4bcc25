"""load(reader) against the lua5.1 binary: the reader is asked for a piece only when the
compiler needs more, so how many times it is called (and what load returns) must be the same
for every source, cut into pieces of every size; plus binary chunks through a reader, reader
errors and odd pieces. Then the worker thread that compiles: it always ends."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare
from vm.errors import LimitError
from vm.session import Limits, Session

SOURCES = [
    "*a = 123", "x = 1", "", " ", "return 1", "return", "x = [==[abc", "x = [==[abc]==] y = 2",
    "x = 'abc\\300'", "x = 'abc\\30'", "x = 'a\\\nb'", "x = 'a\\\r\nb'", "x = 1e+", "x = 1e+5 y = .5e-3",
    "x = 0x1F", "return 1 .. 2 ..", "x = [[a]] y = [[b", "--[[ comment", "--[==[ x ]==] return 1",
    "-- line comment", "x = 3 -- hi", "return 12.5e-1, 3., .5", "a = [=[\r\nxx]=] return a",
    "return ...", "x = ~= 1", "local t = {a=1, [2]=3, 4} return t", "x = [=x", "return a..b...c",
    "return a == b, a <= b, a >= b, a ~= b", "f(x) (y)", "x = \"unfinished", "x = 'nl\nx'",
    "for i = 1, 2 do end x =", "local function f() return end", "return 'x\\0y'", "x = [[\n[[ ]]",
    "\n\n\nerror here", "return ::", "#!x", "local verylongname_abcdefghijklmnop = 1 return verylongname",
]


def _reader_program() -> str:
    sources = "".join("  %s,\n" % _lua_string(s) for s in SOURCES)
    return "local sources = {\n" + sources + """}
for k, s in ipairs(sources) do
  for _, size in ipairs{1, 2, 3, 4, 7, 100} do
    local i, calls = 0, 0
    local f, e = load(function()
      calls = calls + 1
      local p = string.sub(s, i + 1, i + size)
      i = i + size
      return p
    end, "=s" .. k)
    io.write(size, ":", calls, ":", tostring(e), " ")
  end
  print()
end
"""


def _lua_string(s: str) -> str:
    return '"' + "".join("\\%d" % b for b in s.encode()) + '"'


def test_reader_calls_like_lua51(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": _reader_program().encode()})


PROGRAMS = {
    "calls_lua_checks": """
        x = "-- a comment\\0\\0\\0\\n  x = 10 + \\n23; \\
             local a = function () x = 'hi' end; \\
             return '\\0'"
        local i = 0
        function read1 (x)
          return function ()
            collectgarbage()
            i=i+1
            return string.sub(x, i, i)
          end
        end
        a = assert(load(read1(x), "modname"))
        assert(a() == "\\0" and _G.x == 33)
        print(i, debug.getinfo(a).source)
        local d = string.dump(loadstring("x = 1; return x"))
        i = 0
        a = assert(load(read1(d)))
        print(a(), _G.x, i, #d)
        i = 0
        print(load(read1("*a = 123")))
        print(i)
    """,
    "binary_pieces": """
        local d = string.dump(function(a, b) return a + b, "str", 1.5 end)
        for _, size in ipairs{1, 7, 100, 1000} do
          for _, cut in ipairs{#d, #d - 1, 5, 12, 20, 0} do
            local i, calls = 0, 0
            local s = d:sub(1, cut)
            local f, e = load(function()
              calls = calls + 1
              local p = s:sub(i + 1, i + size); i = i + size; return p
            end, "=bin")
            io.write(size, " ", cut, " ", calls, " ", tostring(e), " ", f and f(2, 3) or "-", " | ")
          end
          print()
        end
        local i = 0
        local f = load(function() i = i + 1; if i == 1 then return d .. "trailing junk" end end)
        print(f(1, 2), i)
        i = 0
        print(load(function() i = i + 1; if i == 1 then return "\\27Lua\\82" end end))
    """,
    # inside pcall: lua.c runs a script with a traceback message handler, which lua_load's
    # protected call keeps (ferrous does not have it), while pcall's call has none
    "odd_pieces": """
      print(pcall(function()
        local function seq(...)
          local t, n, k = {...}, select("#", ...), 0
          return function() k = k + 1; if k <= n then return t[k] end end, function() return k end
        end
        local r, count = seq(nil, "return 7")
        local f = load(r); print(f and f(), count())
        r, count = seq("return ", 8, "")
        f = load(r); print(f and f(), count())
        r, count = seq("return 1", false)
        print(load(r)); print(count())
        r, count = seq("return 1", {})
        print(select(2, load(r)), count())
        r, count = seq(true)
        print(load(r)); print(count())
        r, count = seq("return 'a'", "", "x x x")
        f = load(r); print(f and f(), count())
        print(load(function() error("hhi") end))
        print(load(function() error({}) end))
        print(load(function() error() end))
        local n = 0
        print(load(function() n = n + 1; if n < 3 then return "x" end error("late") end), n)
        print(pcall(load))
        print(pcall(load, "return 1"))
        print(pcall(load, function() end, {}))
        print(load(print))
        local co = coroutine.create(function()
          return load(function() coroutine.yield(1) end)
        end)
        print(coroutine.resume(co))
      end))
    """,
    "chunknames": """
        local function once(s) local done; return function() if not done then done = true return s end end end
        for _, name in ipairs{"=custom", "@file.lua", "plain text name", "=" .. string.rep("n", 80)} do
          print(load(once("x ="), name))
          local f = load(once("return debug.getinfo(1, 'S').short_src"), name)
          print(f and f())
        end
        print(load(once("x =")))
        print(load(once("x ="), nil))
        print(load(once(string.dump(function() end)), "=named bin"))
    """,
    "xpcall_sees_reader_errors": """
        print(xpcall(function() return load(function() error("in reader") end) end,
                     function(m) return "handled: " .. m end))
        print(xpcall(function() return load(function() return {} end) end,
                     function(m) return "handled: " .. m end))
        print(xpcall(function() return load(function() return nil end) end,
                     function(m) return "handled: " .. m end))
    """,
    "nested_load_in_reader": """
        local outer = 0
        local f = load(function()
          outer = outer + 1
          if outer == 1 then
            local g = load(function() return nil end)
            return "return " .. tostring(type(g))
          end
        end)
        print(f(), outer)
        local deep = string.rep("(", 190) .. "1" .. string.rep(")", 190)
        local k = 0
        f = load(function() k = k + 1; return k == 1 and "return " .. deep or nil end)
        print(f(), k)
        deep = string.rep("(", 250) .. "1" .. string.rep(")", 250)
        k = 0
        print(load(function() k = k + 1; return string.sub("return " .. deep, k, k) end))
        print(k)
    """,
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_load_like_lua51(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": PROGRAMS[name].encode()})


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "ferrous-load"]


def test_worker_threads_always_end() -> None:
    session = Session()
    session.run(b"""
        for _, s in ipairs{"return 1", "x = = 1", string.dump(function() end), "\\27bad"} do
          for size = 1, 3 do
            local i = 0
            load(function() local p = s:sub(i + 1, i + size); i = i + size; return p end)
            i = 0
            load(function() i = i + 1; if i == 2 then error("stop") end; return s:sub(i, i) end)
            i = 0
            load(function() i = i + 1; if i == 2 then return {} end; return s:sub(i, i) end)
          end
        end
    """)
    assert _workers() == []


def test_worker_ends_when_a_limit_stops_the_reader() -> None:
    session = Session(limits=Limits(instructions=20000))
    with pytest.raises(LimitError):
        session.run(b"load(function() while true do end end)")
    assert _workers() == []
    session = Session(limits=Limits(instructions=20000))
    with pytest.raises(LimitError):
        session.run(b"local n = 0 load(function() n = n + 1 "
                    b"if n == 1 then return 'x = ' end while true do end end)")
    assert _workers() == []
