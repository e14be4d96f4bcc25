"""The `ferrous` entry point: `luac`, the lua5.1 command line, and the other front ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ferrous_repl.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_debug_reports_a_file_that_does_not_load(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["debug", "no-such-file.lua"]) == 1
    out, err = capsys.readouterr()
    lua = _lua("no-such-file.lua").stderr.decode()
    assert out == ""
    assert err == "ferrous debug: " + lua.removeprefix("lua5.1: ")


def test_luac_is_dispatched(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["luac", "-v"]) == 0
    assert capsysbinary.readouterr().out == b"Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio\n"


def _ferrous(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "ferrous_repl", *args], input=stdin,
                          capture_output=True, env=env, cwd=cwd, check=False)


def _lua(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["lua5.1", *args], input=stdin, capture_output=True, cwd=cwd, check=False)


@pytest.mark.parametrize("args, stdin", [
    (["-e", "print(1 + 1, ...)"], b""),
    ([], b"print('from stdin')"),
    (["-"], b"print(select('#', ...))"),
    (["-e", "x = 1", "-e", "print(x * 2)"], b""),
    (["-v"], b""),
])
def test_python_dash_m_runs_like_lua51(args: list[str], stdin: bytes) -> None:
    ours = _ferrous(*args, stdin=stdin)
    ref = _lua(*args, stdin=stdin)
    assert (ours.returncode, ours.stdout, ours.stderr) == (ref.returncode, ref.stdout, ref.stderr)


def test_script_arguments_and_uncaught_errors(tmp_path: Path) -> None:
    (tmp_path / "s.lua").write_bytes(b"print(arg[0], arg[1], ...)\nerror('bad ' .. select('#', ...))\n")
    ours = _ferrous("s.lua", "a", "b", cwd=tmp_path)
    ref = _lua("s.lua", "a", "b", cwd=tmp_path)
    assert (ours.returncode, ours.stdout) == (ref.returncode, ref.stdout) == (1, b"s.lua\ta\ta\tb\n")
    assert ours.stderr == ref.stderr.replace(b"lua5.1: ", b"ferrous: ", 1)


def test_syntax_error_in_script(tmp_path: Path) -> None:
    (tmp_path / "bad.lua").write_bytes(b"x = = 1\n")
    ours = _ferrous("bad.lua", cwd=tmp_path)
    ref = _lua("bad.lua", cwd=tmp_path)
    assert ours.returncode == ref.returncode == 1
    assert ours.stderr == ref.stderr.replace(b"lua5.1: ", b"ferrous: ", 1)
