"""xpcall's message handler sees an error that a library function raises while the stack unwinds
(coroutine.wrap passing on its coroutine's error), as in lua5.1, where luaG_errormsg calls the
handler for every error raised."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

PROGRAMS = [
    'print(xpcall(function() local co = coroutine.wrap(function() error("in co") end) co() end, '
    'function(e) return "H:" .. e end))',
    'print(xpcall(function() local co = coroutine.wrap(function() error({}) end) co() end, '
    'function(e) return "H:" .. type(e) end))',
    'print(xpcall(function() local co = coroutine.wrap(function() local x = nil; return x.y end) '
    'co() end, function(e) return "H:" .. e end))',
    'print(pcall(function() local co = coroutine.wrap(function() error("p") end) co() end))',
    'print(xpcall(function() return pcall(coroutine.wrap(function() error("inner") end)) end, '
    'function(e) return "H:" .. e end))',
    'local co = coroutine.wrap(function() error("w") end)\n'
    'print(xpcall(co, function(e) return "H:" .. e end))',
]


@pytest.mark.parametrize("program", PROGRAMS)
def test_as_lua51(tmp_path: Path, program: str) -> None:
    path = tmp_path / "p.lua"
    path.write_text(program)
    theirs = subprocess.run(["lua5.1", "p.lua"], capture_output=True, check=False, cwd=tmp_path)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    ours = subprocess.run([sys.executable, "-m", "ferrous_repl", "p.lua"], capture_output=True,
                          check=False, cwd=tmp_path, env=env)
    assert (ours.returncode, ours.stdout, ours.stderr) == \
        (theirs.returncode, theirs.stdout, theirs.stderr)
