"""The `ferrous` entry point: `luac` works, everything else says it is not built yet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ferrous_repl.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("argv", [[], ["x.lua"], ["-e", "print(1)"], ["debug", "x.lua"], ["redis"]])
def test_unbuilt_front_ends_say_so(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("ferrous: ") and "not built yet" in err and "ferrous luac" in err


def test_luac_is_dispatched(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["luac", "-v"]) == 0
    assert capsysbinary.readouterr().out == b"Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio\n"


def test_python_dash_m_runs_the_cli() -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "ferrous_repl"], capture_output=True, stdin=subprocess.DEVNULL, env=env
    )
    assert done.returncode == 1
    assert done.stdout == b""
    assert b"the REPL is not built yet" in done.stderr
    assert b"Traceback" not in done.stderr
