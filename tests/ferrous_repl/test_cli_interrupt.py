"""Ctrl-C (SIGINT) in `ferrous FILE`: lua.c's report of "interrupted!", never Python's traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

SPIN = b"""local function spin() local i = 0 while true do i = i + 1 end end
local function g() spin() end
io.stderr:write("ready\\n")
g()
"""
# each loop on one line: the instruction a signal lands on (between instructions or in one) is
# not the same in the two VMs, its line is
SPIN_IN_MAIN = b"""io.stderr:write("ready\\n")
local i = 0 while true do i = i + 1 end
"""


def _cpu_seconds(pid: int) -> float:
    """The CPU time the process has used (user and system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _until_it_has_spun(pid: int) -> None:
    """Wait until the process has used a tenth of a second of CPU since it said it was ready:
    it is in its loop then (the translated code, under the compiled tiers), however busy the
    machine (a fixed sleep of 0.3 s could give it no time at all)."""
    start = _cpu_seconds(pid)
    deadline = time.monotonic() + 60  # a failure, not a speed test
    while _cpu_seconds(pid) - start < 0.1:
        assert time.monotonic() < deadline, "the program never ran its loop"
        time.sleep(0.02)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _interrupted(argv: list[str], env: dict[str, str] | None, ignoring: bool = False) -> tuple[int, bytes]:
    """Start the program (``ignoring``: with SIGINT ignored, as a background job of a
    non-interactive shell starts), wait until it says it is looping, SIGINT it; its status and
    stderr."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env,
                            preexec_fn=_ignore_sigint if ignoring else None)
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline() == b"ready\n"
        _until_it_has_spun(proc.pid)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, err


@pytest.mark.parametrize("tier", ["interp", "auto", "compiled"])
@pytest.mark.parametrize("program", [SPIN, SPIN_IN_MAIN], ids=["in-a-function", "in-main"])
def test_ctrl_c_reports_like_lua51(tmp_path: Path, tier: str, program: bytes) -> None:
    script = tmp_path / "spin.lua"
    script.write_bytes(program)
    want_status, want = _interrupted(["lua5.1", str(script)], None)
    env = dict(os.environ, PYTHONPATH=str(REPO), FERROUS_TIER=tier)
    status, got = _interrupted([sys.executable, "-m", "ferrous_repl", str(script)], env)
    assert b"Traceback" not in got
    assert (status, got) == (want_status, want.replace(b"lua5.1: ", b"ferrous: ", 1))


def test_ctrl_c_stops_a_program_started_with_sigint_ignored(tmp_path: Path) -> None:
    """lua.c sets its SIGINT handler for each call whatever it found; ferrous kept the ignored
    signal, so a run under `nohup` or `cmd &` in a script never stopped (nor did this test's
    other cases, run from such a job)."""
    script = tmp_path / "spin.lua"
    script.write_bytes(SPIN)
    want_status, want = _interrupted(["lua5.1", str(script)], None, ignoring=True)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    status, got = _interrupted([sys.executable, "-m", "ferrous_repl", str(script)], env, ignoring=True)
    assert (status, got) == (want_status, want.replace(b"lua5.1: ", b"ferrous: ", 1))
