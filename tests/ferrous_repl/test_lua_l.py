"""`ferrous -l name` against `lua5.1 -l name` (lua.c's dolibrary): require the module before
the script, in order with -e; a failure is reported like any other error (message, traceback,
status 1) and stops the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

FILES: dict[str, bytes | None] = {
    "m.lua": b"print('m loaded', ...)\nM = (M or 0) + 1\nreturn {n = M}\n",
    "bad.lua": b"local function f() error('boom') end\nf()\n",
    "bad2.lua": b"error({})\n",
    "syn.lua": b"x =\n",
    "mod.lua": b"module(..., package.seeall)\nfunction hello() print('hello from', _NAME) end\n",
    "a/b.lua": b"print('a.b', ...)\n",
    "script.lua": b"print('script', M, package.loaded.m and package.loaded.m.n, ...)\n",
}
ENV = {"LUA_PATH": "./?.lua", "LUA_CPATH": "./?.so"}


@pytest.mark.parametrize("args", [
    ["-l", "m", "-e", "print(M, package.loaded.m.n)"],
    ["-lm", "-lm", "-l", "m", "script.lua", "x"],
    ["-l", "a.b", "-e", "print(package.loaded['a.b'])"],
    ["-l", "mod", "-e", "mod.hello()"],
    ["-e", "print('first')", "-l", "m", "-e", "print('third')"],
    ["-l", "missing"],
    ["-l", "missing", "script.lua"],
    ["-lbad", "-e", "print('not reached')"],
    ["-l", "bad2"],
    ["-l", "syn"],
    ["-e", "require = nil", "-l", "m"],
    ["-e", "require = print", "-l", "m"],
    ["-e", "package.preload.m = function(...) print('preloaded', ...) end", "-l", "m"],
])  # `-l` with no name: lua.c's usage, see test_cli.py
def test_dash_l_like_lua51(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(args, tmp_path, monkeypatch, files=FILES, env=ENV)


def test_dash_l_from_lua_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["-l", "m", "-e", "print(package.loaded.m)"], tmp_path, monkeypatch, files=FILES,
            env={**ENV, "LUA_INIT": "package.loaded.m = 'from init'"})
