"""Helpers for the debugger's engine tests: real Lua 5.1's line events for a program."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

# hooks are per thread in 5.1: give every coroutine the hook too
_HOOK = ("local function h(e, l) local s = debug.getinfo(2, 'S').source "
         "if s == '@prog.lua' then io.stderr:write(l, '\\n') end end "
         "debug.sethook(h, 'l') local create = coroutine.create "
         "coroutine.create = function(f) local co = create(f) debug.sethook(co, h, 'l') "
         "return co end")


def lua51_line_events(source: bytes, tmp_path: Path) -> list[int]:
    """The lines at which real Lua 5.1's line hook fires in the main chunk and the Lua
    functions it calls (the hook is set before the chunk starts)."""
    prog = tmp_path / "prog.lua"
    prog.write_bytes(source)
    done = subprocess.run(["lua5.1", "-e", _HOOK, "prog.lua"], cwd=tmp_path, capture_output=True,
                          check=False)
    return [int(x) for x in done.stderr.split()]


@pytest.fixture
def line_events(tmp_path: Path):
    return lambda source: lua51_line_events(source, tmp_path)
