"""Chains of 30,000 operators and suffixes through every entry point, against the references:
`ferrous FILE` and piped `-i` against lua5.1, `ferrous luac` against luac5.1, loadstring under
pcall against lua5.1, `ferrous redis eval` against redis-cli --eval on a real server, the Redis
REPL fed by a pipe, and the debugger (Pilot) running such a program to its end. None of them may
end in a Python RecursionError or an internal error.

30,000 is three times the recursion limit the compiler sets for the process (10,000: any Python
recursion per operator or suffix, in any entry point, fails here); the compiler's own test
(tests/vm/compiler/test_deep_input.py) keeps chains of 100,000."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
N = 30_000

FIELDS = "local t = {} t.a = t return t" + ".a" * N + " == t"
SUM = "return 0" + "+1" * N
CONCAT = "local a = 'x' return a" + " .. a" * N  # 5.1: chunk has too many syntax levels


def _run(command: list[str], stdin: bytes = b"", cwd: Path | None = None) -> tuple[int, bytes, bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, env=env,
                          check=False, timeout=600)
    return done.returncode, done.stdout, done.stderr


def ferrous(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> tuple[int, bytes, bytes]:
    return _run([sys.executable, "-m", "ferrous_repl", *args], stdin, cwd)


def reference(tool: str, *args: str, stdin: bytes = b"", cwd: Path | None = None) -> tuple[int, bytes, bytes]:
    assert shutil.which(tool), f"{tool} is required"
    return _run([tool, *args], stdin, cwd)


def test_ferrous_file_and_luac(tmp_path: Path) -> None:
    program = "print((function() " + FIELDS + " end)(), (function() " + SUM + " end)())\n"
    (tmp_path / "deep.lua").write_text(program)
    (tmp_path / "levels.lua").write_text(CONCAT)
    assert ferrous("deep.lua", cwd=tmp_path) == reference("lua5.1", "deep.lua", cwd=tmp_path) \
        == (0, b"true\t%d\n" % N, b"")
    status, out, err = ferrous("levels.lua", cwd=tmp_path)
    ref = reference("lua5.1", "levels.lua", cwd=tmp_path)
    assert (status, out, err) == (ref[0], ref[1], ref[2].replace(b"lua5.1:", b"ferrous:"))
    # the compiler's own front end: the same chunk file, the same message
    assert ferrous("luac", "-o", "ours.luac", "deep.lua", cwd=tmp_path)[0] == 0
    assert reference("luac5.1", "-o", "theirs.luac", "deep.lua", cwd=tmp_path)[0] == 0
    assert (tmp_path / "ours.luac").read_bytes() == (tmp_path / "theirs.luac").read_bytes()
    status, out, err = ferrous("luac", "-p", "levels.lua", cwd=tmp_path)
    ref = reference("luac5.1", "-p", "levels.lua", cwd=tmp_path)
    assert (status, out, err) == (ref[0], ref[1], ref[2].replace(b"luac5.1:", b"ferrous luac:"))


LOADSTRING = f"""
local N = {N}
local function try(s)
  local f, e = loadstring(s)
  if not f then return "error: " .. e end
  return tostring(select(2, pcall(f)))
end
print(try("return 0" .. string.rep("+1", N)))
print(try("local t = {{}} t.a = t return t" .. string.rep(".a", N) .. " == t"))
print(try("local t = {{}} t[1] = t return t" .. string.rep("[1]", N) .. " == t"))
print(try("local function f() return f end return f" .. string.rep("()", N) .. " == f"))
print(try("local s = {{}} function s:m() return self end return s" .. string.rep(":m()", N) .. " == s"))
print(try("local x = 1 return x" .. string.rep(" == 1", N)))
print(try("local a = 1 return a" .. string.rep(" + a * a - a", math.floor(N / 3))))
print(try("return a" .. string.rep(" .. a", N)))
print(try("return " .. string.rep("not ", N) .. "1"))
print(pcall(loadstring, "return " .. string.rep("(", N) .. "1" .. string.rep(")", N)))
print(pcall(function() return loadstring("return " .. string.rep("{{", N) .. string.rep("}}", N)) end))
"""


def test_loadstring_under_pcall_as_lua51(tmp_path: Path) -> None:
    (tmp_path / "load.lua").write_text(LOADSTRING)
    ours = ferrous("load.lua", cwd=tmp_path)
    assert ours == reference("lua5.1", "load.lua", cwd=tmp_path)
    assert ours[1].split(b"\n").count(b"true") == 4 and b"too many syntax levels" in ours[1]


def test_piped_interactive_mode_as_lua51() -> None:
    stdin = ("x = 0" + "+1" * N + "\nprint(x)\n" + CONCAT + "\nt = {} t.a = t\n"
             + "print(t" + ".a" * N + " == t)\nprint('after')\n").encode()
    ours = ferrous("-i", stdin=stdin)
    theirs = reference("lua5.1", "-i", stdin=stdin)
    assert ours == (theirs[0], theirs[1], theirs[2].replace(b"lua5.1:", b"ferrous:"))
    assert b"%d\n" % N in ours[1] and b"after\n" in ours[1]


def test_redis_eval_as_redis_cli(redis_url: str, tmp_path: Path) -> None:
    assert shutil.which("redis-cli"), "redis-cli is not installed (apt-get install redis-tools)"
    port = str(urlparse(redis_url).port)
    for name, body in {"fields": FIELDS + " and 1 or 0", "sum": SUM, "levels": CONCAT}.items():
        script = tmp_path / f"{name}.lua"
        script.write_text(body)
        ours = ferrous("redis", "eval", str(script))
        theirs = reference("redis-cli", "-p", port, "--eval", str(script))
        assert ours[0] == 0 and ours[2] == b""
        assert ours[1] == theirs[1], name


def test_redis_repl_fed_by_a_pipe() -> None:
    stdin = (SUM + "\nreturn 'after'\n" + CONCAT + "\nreturn 2\n").encode()
    status, out, err = ferrous("redis", "repl", stdin=stdin)
    assert status == 0
    shown = out + err
    assert b"(integer) %d\n" % N in shown and b'"after"\n' in shown
    assert b"stdin:1: chunk has too many syntax levels\n" in shown and b"(integer) 2\n" in shown


def test_debugger_runs_a_deep_program_to_its_end(tmp_path: Path, monkeypatch) -> None:
    from ferrous_repl.debugger import make_app
    from ferrous_repl.debugger.widgets.output import OutputPanel

    # compiled when the debugger loads it; deep() itself is never called (stepping 30,000
    # instructions under the debugger would test the debugger's speed, not the compiler)
    (tmp_path / "deep.lua").write_text("local function deep(t) return t" + ".a" * N + " end\n"
                                       + "print(type(deep), 0" + "+1" * N + ")\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FERROUS_THEME", raising=False)
    expected = reference("lua5.1", "deep.lua", cwd=tmp_path)[1]

    async def run() -> None:
        app = make_app("deep.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("c")
            for _ in range(600):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app.snapshot is not None and app.snapshot.done:
                    break
            assert app.snapshot is not None and app.snapshot.done
            assert app.query_one(OutputPanel).text.encode() == expected

    asyncio.run(run())
