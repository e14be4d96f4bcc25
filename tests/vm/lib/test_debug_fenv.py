"""debug.getfenv/setfenv against lua5.1 (lua-TestMore's 309-debug and 307-io): a library
function has an environment too (the io functions share the io library's, with the default
files and __close), debug.setfenv changes it, getfenv and setfenv of the base library still
see the globals and refuse, as 5.1's do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

PROGRAM = """
local t = {}
print(debug.setfenv(print, t) == print, debug.getfenv(print) == t, getfenv(print) == _G)
print(pcall(setfenv, print, {}))
print(debug.getfenv(tostring) == _G, debug.getfenv(string.rep) == _G)
local env = debug.getfenv(io.lines)
print(env == _G, type(env.__close), env[1] == io.stdin, env[2] == io.stdout)
print(debug.getfenv(io.write) == env, debug.getfenv(io.popen) == env, getfenv(io.lines) == _G)
local std = debug.getfenv(io.stdout)
print(type(std), type(std.__close), std == env)
local co = coroutine.create(print)
print(debug.setfenv(co, t) == co, debug.getfenv(co) == t)
print(pcall(debug.setfenv, {}, {}))
print(pcall(debug.setfenv, print, 1))
"""


def test_fenv_as_lua51(tier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": PROGRAM.encode()})
