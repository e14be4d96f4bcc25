"""Every corpus program under the ferrous VM gives lua5.1's stdout, stderr and exit status, with
the interpreter alone and with the compiled tier translating every function (the ``tier``
fixture).

The expected output beside each program was produced by lua5.1 (tests/corpus/regen.py).
Programs that still need work are listed in KNOWN_FAILING with strict xfail: one that starts
passing fails the run until it is taken off the list, so the list only ever shrinks.
"""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest

from ferrous_repl.lua import main as lua_main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TIME_LIMIT = 120  # seconds per program

KNOWN_FAILING: set[str] = set()  # every corpus program matches lua5.1 today


def programs() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.lua")
                  if p.parent.name != "syntax_errors" and p.with_suffix(".out").exists())


def run_program(path: Path) -> tuple[int, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    cwd = os.getcwd()

    def too_long(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"{path.name} ran for more than {TIME_LIMIT} s")

    old = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(TIME_LIMIT)
    try:
        os.chdir(path.parent)
        status = lua_main([path.name], stdout=out, stderr=err)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        os.chdir(cwd)
    return status, out.getvalue(), err.getvalue().replace(b"ferrous: ", b"lua5.1: ", 1)


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.stem}"


@pytest.mark.parametrize("path", [
    pytest.param(p, id=_id(p), marks=pytest.mark.xfail(strict=True) if _id(p) in KNOWN_FAILING
                 else ()) for p in programs()])
def test_program_matches_lua51(path: Path, tier: str) -> None:
    status, out, err = run_program(path)
    expected_err = path.with_suffix(".err")
    assert out == path.with_suffix(".out").read_bytes()
    if expected_err.exists():
        assert status == 1
        assert err == expected_err.read_bytes()
    else:
        assert (status, err) == (0, b"")
