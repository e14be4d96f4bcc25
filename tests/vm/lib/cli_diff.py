"""Differential runs of the command line: the same arguments, files and environment under the
``lua5.1`` binary and under ``ferrous`` (in process, through ``ferrous_repl.lua.main``), in two
fresh directories. Standard output, standard error (with the program name and addresses made
alike) and the exit status must be equal."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest

from ferrous_repl.lua import main as ferrous_main

LUA = shutil.which("lua5.1")
ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")
# the environment both run in: no LUA_INIT; LUA_PATH/LUA_CPATH as each case sets them
CLEAN = ("LUA_INIT", "LUA_PATH", "LUA_CPATH")


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int
    stdout: bytes
    stderr: bytes


def _normal(data: bytes, progname: bytes) -> bytes:
    data = ADDRESS.sub(b"0x?", data)
    data = re.sub(rb"(?m)^usage: " + re.escape(progname) + rb" ", b"usage: lua ", data)
    return re.sub(rb"(?m)^" + re.escape(progname) + rb": ", b"lua: ", data)


def _setup(folder: Path, files: dict[str, bytes | None]) -> None:
    folder.mkdir()
    for name, data in files.items():
        path = folder / name
        if data is None:  # a directory
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def run_lua51(args: list[str], folder: Path, env: dict[str, str]) -> Outcome:
    assert LUA is not None, "lua5.1 is not installed (apt-get install lua5.1)"
    full = {k: v for k, v in os.environ.items() if k not in CLEAN}
    full.update(env)
    done = subprocess.run(["lua5.1", *args], executable=LUA, cwd=folder, env=full, capture_output=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    return Outcome(done.returncode, _normal(done.stdout, b"lua5.1"), _normal(done.stderr, b"lua5.1"))


def run_ferrous(args: list[str], folder: Path, env: dict[str, str],
                monkeypatch: pytest.MonkeyPatch) -> Outcome:
    out, err = BytesIO(), BytesIO()
    with monkeypatch.context() as m:
        m.chdir(folder)
        for name in CLEAN:
            m.delenv(name, raising=False)
        for name, value in env.items():
            m.setenv(name, value)
        status = ferrous_main(args, stdout=out, stderr=err)
    return Outcome(status, _normal(out.getvalue(), b"ferrous"), _normal(err.getvalue(), b"ferrous"))


def compare(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *,
            files: dict[str, bytes | None] | None = None,
            env: dict[str, str] | None = None) -> Outcome:
    """Run args under both in directories holding ``files`` (None: a directory); equal
    outcomes required. Returns ferrous's."""
    files = files or {}
    env = env or {}
    _setup(tmp_path / "lua51", files)
    _setup(tmp_path / "ferrous", files)
    ref = run_lua51(args, tmp_path / "lua51", env)
    ours = run_ferrous(args, tmp_path / "ferrous", env, monkeypatch)
    assert ours.stdout.decode("latin-1").splitlines() == ref.stdout.decode("latin-1").splitlines()
    assert ours.stderr.decode("latin-1").splitlines() == ref.stderr.decode("latin-1").splitlines()
    assert (ours.stdout, ours.stderr, ours.status) == (ref.stdout, ref.stderr, ref.status)
    return ours
