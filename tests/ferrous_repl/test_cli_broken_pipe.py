"""`ferrous prog.lua | head -1`: when the reader of standard output goes away, ferrous ends as
lua5.1 does (killed by SIGPIPE, nothing on standard error), under both tiers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

PROGRAMS = {
    "print": "for i = 1, 200000 do print(i) end io.stderr:write('not reached\\n')",
    # io.write would return nil, "Broken pipe" with SIGPIPE ignored: lua5.1 is killed first
    "io.write": "for i = 1, 200000 do pcall(io.write, i, '\\n') end io.stderr:write('not reached\\n')",
}


def _first_line_then_close(argv: list[str], env: dict[str, str]) -> tuple[bytes, int, bytes]:
    """Read one line of the command's output, close the pipe, wait: (line, status, stderr)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            restore_signals=True)
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    return line, proc.wait(timeout=120), err


@pytest.mark.parametrize("writer", sorted(PROGRAMS))
@pytest.mark.parametrize("tier", ["interp", "auto"])
def test_writing_into_a_closed_pipe_ends_by_sigpipe(tier: str, writer: str) -> None:
    lua = shutil.which("lua5.1")
    assert lua is not None, "lua5.1 is not installed (apt-get install lua5.1)"
    env = dict(os.environ, FERROUS_TIER=tier)
    theirs = _first_line_then_close([lua, "-e", PROGRAMS[writer]], env)
    ours = _first_line_then_close([sys.executable, "-m", "ferrous_repl", "-e", PROGRAMS[writer]], env)
    assert theirs == (b"1\n", -signal.SIGPIPE, b"")
    assert ours == theirs
