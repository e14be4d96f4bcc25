"""`ferrous luac` against `luac5.1`, both run as processes on the same files.

Each case runs luac5.1 in one directory and ferrous in another holding the same files, then
compares exit status, standard output (addresses in listings masked), standard error (luac5.1's
program name replaced by ours) and every file left in the directory (output chunks included).
These tests need luac5.1 and fail, never skip, when it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ferrous_repl.luac import COMBINED_SOURCE, combine
from vm.bytecode.opcodes import Op, create_abc, create_abx
from vm.bytecode.proto import Proto

REPO = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")
TIMEOUT = 120

GOOD = b"""\
-- a bit of everything: locals, upvalues, closures, varargs, tables, loops, methods
local counter = 0
local function bump(n, ...)
  counter = counter + (n or 1)
  local extra = select('#', ...)
  return counter, extra
end

local t = { 1, 2, 3, x = "a\\tb\\0c", ["y z"] = 2.5, [10] = true }
for i = 1, #t do t[i] = t[i] * 2 end
for k, v in pairs(t) do io.write(tostring(k), "=", tostring(v), "\\n") end

local obj = { n = 0 }
function obj:inc(by) self.n = self.n + (by or 1); return self end
obj:inc():inc(3)

local function make(a)
  return function(b) return a .. b, function() return a end end
end
local s = make("x")("y")
while counter < 10 and not false do bump(2, nil, nil) end
repeat counter = counter - 1 until counter <= 0 or s == nil
if counter == 0 then print("zero") elseif counter > 0 then print("pos") else print("neg") end
return obj.n, s, -1e308 * 10, 0x10, 1 / 3
"""

SHEBANG = b"#!/usr/bin/env lua5.1\nlocal y = 2\nreturn y\n"
SHEBANG_BAD = b"#!/usr/bin/env lua5.1\nlocal = 2\n"
BAD = b"x = = 1\n"
EOF_ERROR = b"if x then\n  y = 1\n"
STDIN_SOURCE = b"local a, b = ...\nreturn a + b, 'stdin'\n"


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int
    stdout: bytes
    stderr: bytes
    files: dict[str, bytes]


@pytest.fixture(scope="session")
def luac51() -> str:
    path = shutil.which("luac5.1")
    if path is None:
        pytest.fail("luac5.1 is not installed (Debian: apt-get install lua5.1); these tests need it")
    return path


@pytest.fixture(scope="session")
def precompiled(luac51: str, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A binary chunk written by luac5.1 itself (of GOOD): lets the harness run without our compiler."""
    folder = tmp_path_factory.mktemp("pre")
    (folder / "good.lua").write_bytes(GOOD)
    subprocess.run(["luac5.1", "-o", "pre.luac", "good.lua"], cwd=folder, check=True, timeout=TIMEOUT)
    return (folder / "pre.luac").read_bytes()


def _populate(folder: Path, precompiled: bytes) -> None:
    folder.mkdir()
    (folder / "good.lua").write_bytes(GOOD)
    (folder / "shebang.lua").write_bytes(SHEBANG)
    (folder / "shebang_bad.lua").write_bytes(SHEBANG_BAD)
    (folder / "bad.lua").write_bytes(BAD)
    (folder / "eof.lua").write_bytes(EOF_ERROR)
    (folder / "pre.luac").write_bytes(precompiled)
    (folder / "shebang.luac").write_bytes(b"#!/usr/bin/env lua5.1\n" + precompiled)
    (folder / "trunc.luac").write_bytes(precompiled[:7])
    (folder / "badversion.luac").write_bytes(precompiled[:4] + b"\x52" + precompiled[5:])
    (folder / "adir").mkdir()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(command: list[str], folder: Path, stdin: bytes) -> Outcome:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(command, cwd=folder, input=stdin, capture_output=True, env=env, timeout=TIMEOUT)
    return Outcome(done.returncode, done.stdout, done.stderr, _snapshot(folder))


def _as_ours(stderr: bytes) -> bytes:
    """luac5.1's messages with its program name replaced by ours."""
    stderr = re.sub(rb"(?m)^luac5\.1: ", b"ferrous luac: ", stderr)
    return stderr.replace(b"usage: luac5.1 [options]", b"usage: ferrous luac [options]")


def compare(
    args: list[str], tmp_path: Path, precompiled: bytes, *, stdin: bytes = b"", setup: dict | None = None
) -> tuple[Outcome, Outcome]:
    """Run luac5.1 and ferrous luac with ``args``; assert they behave the same; return both."""
    ref_dir, our_dir = tmp_path / "ref", tmp_path / "ours"
    for folder in (ref_dir, our_dir):
        _populate(folder, precompiled)
        for name, data in (setup or {}).items():
            (folder / name).write_bytes(data)
    ref = _run(["luac5.1", *args], ref_dir, stdin)
    ours = _run([sys.executable, "-m", "ferrous_repl", "luac", *args], our_dir, stdin)
    listing = "-l" in args
    ref_out = ADDRESS.sub(b"0x?", ref.stdout) if listing else ref.stdout
    our_out = ADDRESS.sub(b"0x?", ours.stdout) if listing else ours.stdout
    assert ours.stderr == _as_ours(ref.stderr)
    assert our_out.decode("latin-1").splitlines() == ref_out.decode("latin-1").splitlines()
    assert our_out == ref_out
    assert ours.status == ref.status
    assert sorted(ours.files) == sorted(ref.files)
    for name in ref.files:
        assert ours.files[name] == ref.files[name], f"{name} differs"
    return ref, ours


# --- command line handling: no compiler needed -------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["-v"],
        ["-v", "-v"],
        ["-v", "--"],
        [],
        ["-x"],
        ["--help"],
        ["-o"],
        ["-o", ""],
        ["-l", "-o"],
        ["-p", "missing.lua"],
        ["-p", "adir"],
        ["-o", "nodir/x.luac", "missing.lua"],
    ],
    ids=lambda a: " ".join(a) or "no-args",
)
def test_options_and_messages(args: list[str], tmp_path: Path, precompiled: bytes) -> None:
    compare(args, tmp_path, precompiled)


@pytest.mark.parametrize("count", [7999, 8000], ids=["most-files", "too-many-files"])
def test_file_count_limit(count: int, tmp_path: Path, precompiled: bytes) -> None:
    compare(["-p", *(f"f{i}" for i in range(count))], tmp_path, precompiled)


def test_version_exits_zero_and_prints_the_release(tmp_path: Path, precompiled: bytes) -> None:
    ref, ours = compare(["-v"], tmp_path, precompiled)
    assert ours.status == 0
    assert ours.stdout == b"Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio\n"


def test_usage_on_no_files(tmp_path: Path, precompiled: bytes) -> None:
    ref, ours = compare([], tmp_path, precompiled)
    assert ours.status == 1
    assert ours.stderr.startswith(b"ferrous luac: no input files given\nusage: ferrous luac [options]")


# --- binary chunks written by luac5.1: undump, listing and dump, no compiler needed ---------------


@pytest.mark.parametrize(
    "args",
    [
        ["-l", "pre.luac"],
        ["-l", "-l", "-p", "pre.luac"],
        ["-p", "pre.luac"],
        ["-o", "copy.luac", "pre.luac"],
        ["-s", "-o", "stripped.luac", "pre.luac"],
        ["-o", "-", "pre.luac"],
        ["-s", "-o", "-", "pre.luac"],
        ["-l", "-l", "-p", "shebang.luac"],
        ["-l", "-o", "both.luac", "pre.luac", "shebang.luac"],
        ["-l", "-l", "-p", "pre.luac", "pre.luac", "pre.luac"],
        ["-p", "trunc.luac"],
        ["-p", "badversion.luac"],
        ["-p", "pre.luac", "missing.lua"],
        ["-v", "-p", "pre.luac"],
        ["-o", "/dev/full", "pre.luac"],
        ["-o", "nodir/x.luac", "pre.luac"],
        ["-p", "--", "-v"],
        ["pre.luac", "-l"],
    ],
    ids=" ".join,
)
def test_binary_chunks(args: list[str], tmp_path: Path, precompiled: bytes) -> None:
    compare(args, tmp_path, precompiled)


@pytest.mark.parametrize("args", [["-l"], ["-p"], ["-l", "-l"], ["-v", "-l"]], ids=" ".join)
def test_no_file_means_luac_out(args: list[str], tmp_path: Path, precompiled: bytes) -> None:
    compare(args, tmp_path, precompiled, setup={"luac.out": precompiled})


def test_binary_chunk_on_stdin(tmp_path: Path, precompiled: bytes) -> None:
    compare(["-l", "-l", "-p", "-"], tmp_path, precompiled, stdin=precompiled)


def test_shebang_then_binary_on_stdin_is_parsed_as_source(tmp_path: Path, precompiled: bytes) -> None:
    # luaL_loadfile reopens only files to read them as binary: on stdin the kept newline comes first
    compare(["-p", "-"], tmp_path, precompiled, stdin=b"#!lua\n" + precompiled)


# --- source files: need the compiler ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["-p", "good.lua"],
        ["-l", "good.lua"],
        ["-l", "-l", "good.lua"],
        ["-l", "-l", "-p", "good.lua"],
        ["good.lua"],
        ["-o", "out.luac", "good.lua"],
        ["-s", "-o", "out.luac", "good.lua"],
        ["-o", "-", "good.lua"],
        ["-v", "good.lua"],
        ["-l", "-l", "-p", "shebang.lua"],
        ["-p", "bad.lua"],
        ["-p", "eof.lua"],
        ["-p", "shebang_bad.lua"],
        ["-p", "good.lua", "bad.lua", "eof.lua"],
        ["-l", "good.lua", "shebang.lua"],
        ["-l", "-l", "-p", "good.lua", "shebang.lua", "pre.luac"],
        ["-o", "both.luac", "good.lua", "shebang.lua"],
        ["-s", "-o", "both.luac", "good.lua", "shebang.lua"],
    ],
    ids=" ".join,
)
def test_source_files(args: list[str], tmp_path: Path, precompiled: bytes) -> None:
    compare(args, tmp_path, precompiled)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        pytest.param(["-l", "-"], STDIN_SOURCE, id="list"),
        pytest.param(["-l", "-l", "-p", "-"], STDIN_SOURCE, id="full-list"),
        pytest.param(["-p", "-"], BAD, id="syntax-error"),
        pytest.param(["-p", "-"], b"#!/bin/lua\n" + BAD, id="shebang-syntax-error"),
        pytest.param(["-l", "-p", "-", "-"], STDIN_SOURCE, id="twice"),
        pytest.param(["-l", "-p", "-"], b"", id="empty"),
        pytest.param(["-l", "-p", "good.lua", "-"], STDIN_SOURCE, id="file-and-stdin"),
    ],
)
def test_stdin(args: list[str], stdin: bytes, tmp_path: Path, precompiled: bytes) -> None:
    compare(args, tmp_path, precompiled, stdin=stdin)


# --- combine ----------------------------------------------------------------------------------


def test_combine_mirrors_luac_c() -> None:
    a, b, c = Proto(source=b"@a.lua"), Proto(source=b"@b.lua"), Proto(source=b"@c.lua")
    assert combine([a]) is a
    main = combine([a, b, c])
    assert main.source == COMBINED_SOURCE == b"=(luac)"
    assert main.maxstacksize == 1
    assert (main.numparams, main.is_vararg, main.nups, main.linedefined) == (0, 0, 0, 0)
    assert main.protos == [a, b, c]
    assert main.lineinfo == [] and main.constants == [] and main.locvars == []
    call = create_abc(Op.CALL, 0, 1, 1)
    assert main.code == [
        create_abx(Op.CLOSURE, 0, 0), call,
        create_abx(Op.CLOSURE, 0, 1), call,
        create_abx(Op.CLOSURE, 0, 2), call,
        create_abc(Op.RETURN, 0, 1, 0),
    ]  # fmt: skip
