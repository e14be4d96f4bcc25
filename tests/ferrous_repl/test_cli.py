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


def _commands_listed(text: str) -> list[str]:
    from ferrous_repl.cli import COMMANDS

    return [usage for usage, _, _ in COMMANDS if usage in text]


@pytest.mark.parametrize("args", [["-h"], ["-x"], ["-i", "-h"], ["-e", "print(1)", "-h"], ["-vh"],
                                  ["-l"], ["-e"]])
def test_unknown_options_give_lua_usage_then_the_commands(args: list[str]) -> None:
    """lua.c refuses -h like any unknown option, and an option missing its argument (usage on
    stderr, status 1, nothing run); ferrous says the same and then lists its commands."""
    from ferrous_repl.cli import COMMANDS

    ours = _ferrous(*args)
    ref = _lua(*args)
    assert (ours.returncode, ours.stdout) == (ref.returncode, ref.stdout) == (1, b"")
    usage = ref.stderr.decode().replace("lua5.1", "ferrous")
    err = ours.stderr.decode()
    assert err.startswith(usage)
    rest = err.removeprefix(usage).splitlines()
    assert rest[0] == "Commands:" and rest[-1] == "'ferrous --help' says more."
    assert _commands_listed(err) == [usage for usage, _, _ in COMMANDS]
    assert len(rest) == len(COMMANDS) + 2  # one line each


def test_help_and_version_on_standard_output() -> None:
    from ferrous_repl import __version__
    from ferrous_repl.cli import COMMANDS

    help_ = _ferrous("--help")
    assert (help_.returncode, help_.stderr) == (0, b"")
    text = help_.stdout.decode()
    assert _lua("-h").stderr.decode().replace("lua5.1", "ferrous") in text
    assert _commands_listed(text) == [usage for usage, _, _ in COMMANDS]
    assert all(len(line) <= 80 for line in text.splitlines())
    version = _ferrous("--version")
    lua_v = _lua("-v")
    assert (version.returncode, version.stderr) == (0, b"")
    assert version.stdout == f"ferrous {__version__}\n".encode() + lua_v.stderr


def test_options_after_the_script_are_the_script_s(tmp_path: Path) -> None:
    (tmp_path / "s.lua").write_bytes(b"print(...)\n")
    for args in (["s.lua", "-h", "--help"], ["--", "s.lua", "--version"]):
        ours = _ferrous(*args, cwd=tmp_path)
        ref = _lua(*args, cwd=tmp_path)
        assert (ours.returncode, ours.stdout, ours.stderr) == (ref.returncode, ref.stdout, ref.stderr)


@pytest.mark.parametrize("command", ["debug", "redis", "luac", "dap"])
def test_each_listed_command_shows_its_usage(command: str) -> None:
    done = _ferrous(command, "--help")
    shown = done.stdout + done.stderr
    assert shown.startswith(b"usage: ferrous " + command.encode()) or \
        shown.startswith(b"ferrous luac: unrecognized option '--help'\nusage: ferrous luac")


def test_a_command_still_to_come_says_so() -> None:
    from ferrous_repl.cli import _NOT_BUILT

    for word in _NOT_BUILT:
        done = _ferrous(word)
        assert done.returncode == 1 and b"not built yet" in done.stderr
        assert f"ferrous {word}".encode() in _ferrous("--help").stdout
