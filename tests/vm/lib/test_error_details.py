"""Smaller differences from lua5.1 in errors and tracebacks (issue 14, item 8), each program
run under lua5.1 and ferrous (both tiers) with standard output, standard error and status
compared: print writes as it goes and its tostring shows as ``[C]: ?``; tonumber checks
its string before the base; a long traceback is cut where db_errorfb cuts it (by stack
level, so lua.c's level 2 and debug.traceback's levels differ); pcall's and xpcall's own
argument errors are uncaught errors with a traceback; the generic for's iterator is
``function '(for generator)'``; a C stack overflow under gsub or sort has no position;
262,144 constants are ``constant table overflow`` without a position; a stripped chunk's
errors have no ``?:0:`` where luaL_where gives nothing; a register-limit error comes before
a later syntax error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

REPO = Path(__file__).resolve().parents[3]

PROGRAMS = {
    "print_as_it_goes": """
local bad = setmetatable({}, {__tostring = function() error("bad ts") end})
print(pcall(print, 1, "two", bad, 4))
io.write("|\\n")
print(1, "two", bad, 4)
""",
    "tonumber_order": """
print(pcall(tonumber, {}, 99))
print(pcall(tonumber, {}, 16))
print(pcall(tonumber, "10", 99))
print(pcall(tonumber, nil, 99))
print(pcall(tonumber, "z", 36))
print(pcall(tonumber, 10, 16))
tonumber({}, 99)
""",
    "stack_overflow_traceback": """
local function f() return 1 + f() end
f()
""",
    "deep_error_traceback": """
local function f(n) if n == 0 then error("bottom") end return 1 + f(n - 1) end
f(30)
""",
    "traceback_levels": """
local function rec(n, lvl) if n == 0 then print(debug.traceback("m", lvl)) return end rec(n - 1, lvl) end
for _, n in ipairs{5, 9, 10, 11, 18, 19, 20, 21, 22, 30} do
  for _, lvl in ipairs{0, 1, 2, 5, 12, 13, 15, 40} do print(n, lvl) rec(n, lvl) end
end
local function crec(n) if n == 0 then coroutine.yield() return end crec(n - 1) end
for _, n in ipairs{8, 19, 20, 21, 22, 30} do
  local co = coroutine.create(crec)
  coroutine.resume(co, n)
  for _, lvl in ipairs{0, 1, 3} do print(n, lvl, debug.traceback(co, "c", lvl)) end
end
local function trec(n) if n == 0 then error("t") end return trec(n - 1) end
local function nrec(n) if n == 0 then return trec(30) end nrec(n - 1) end
print(xpcall(function() nrec(15) end, debug.traceback))
""",
    "pcall_argument_error": "pcall()\n",
    "xpcall_argument_error": "xpcall(print)\n",
    "for_generator_error": """
local function iter() error("in iter") end
for x in iter do end
""",
    "for_generator_runtime_error": "for x in function() local t = nil; return t.x end do end\n",
    "c_stack_overflow_in_callbacks": """
local function g() return (string.gsub("a", "a", g)) end
print(pcall(g))
local function s() local t = {3, 2, 1}; table.sort(t, function(a, b) s() return a < b end) end
print(pcall(s))
g()
""",
    "traceback_nil_message": """
print(debug.traceback(nil))
print(debug.traceback(nil, 1))
print(debug.traceback({}))
print(xpcall(function() error() end, debug.traceback))
print(coroutine.resume(coroutine.create(function()
  return xpcall(function() error() end, debug.traceback) end)))
print(debug.traceback(coroutine.create(print), nil))
""",
    "register_limit_before_syntax_error":
        "print(" + ",".join(str(i) for i in range(300)) + ")\nlocal x = = 1\n",
}

STRIPPED = {
    "uncaught": 'error("boom")\n',
    "levels": """
local function f() error("deep") end
print(pcall(f))
local t = nil
print(pcall(function() return t.x end))
print(pcall(string.rep))
print(pcall(function() string.rep() end))
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() error("lvl2", 2) end))
print(pcall(function() assert(false, "m") end))
print(pcall(function() return 1 < {} end))
f()
""",
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_as_lua51(name: str, tier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": PROGRAMS[name].encode()})


@pytest.mark.parametrize("name", sorted(STRIPPED))
def test_stripped_chunk_as_lua51(name: str, tier: str, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """luac5.1 -s writes the chunk; both run it."""
    (tmp_path / "src.lua").write_text(STRIPPED[name])
    subprocess.run(["luac5.1", "-s", "-o", "prog.luac", "src.lua"], cwd=tmp_path, check=True)
    chunk = (tmp_path / "prog.luac").read_bytes()
    compare(["prog.luac"], tmp_path, monkeypatch, files={"prog.luac": chunk})


def test_constant_table_overflow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lcode.c's luaM_growvector past MAXARG_Bx constants: luaG_runerror while lua_load runs
    from C, so no position; the same for luac."""
    source = "return {" + ",".join("%d.5" % i for i in range(262150)) + "}\n"
    compare(["big.lua"], tmp_path, monkeypatch, files={"big.lua": source.encode()})
    env = dict(os.environ, PYTHONPATH=str(REPO))
    ours = subprocess.run([sys.executable, "-m", "ferrous_repl", "luac", "-p",
                           str(tmp_path / "lua51" / "big.lua")], capture_output=True, check=False,
                          env=env)
    theirs = subprocess.run(["luac5.1", "-p", str(tmp_path / "lua51" / "big.lua")],
                            capture_output=True, check=False)
    assert ours.stderr.replace(b"ferrous luac:", b"luac5.1:") == theirs.stderr
    assert ours.returncode == theirs.returncode
