"""vm.loader: chunk names, `#` first lines, binary detection and file errors as in lauxlib.c.

The first group checks what the loader hands to load_chunk (a stand-in records it), so it needs
neither compiler nor undump. The rest loads for real and compares with Lua 5.1 itself (lupa) and
with luac5.1's listings.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lupa import lua51

import vm.loader as loader
from vm.bytecode.listing import list_function_bytes
from vm.bytecode.proto import Proto
from vm.errors import LoadError
from vm.loader import load_chunk, load_file

ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")
SOURCE = b"local x = 1\nlocal function f(a, ...) return a + x, ... end\nreturn f(2, 3)\n"


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, bytes]]:
    """Record what load_file passes on to load_chunk instead of loading it."""
    calls: list[tuple[bytes, bytes]] = []

    def record(data: bytes, chunkname: bytes) -> Proto:
        calls.append((data, chunkname))
        return Proto(source=chunkname)

    monkeypatch.setattr(loader, "load_chunk", record)
    return calls


# --- what reaches load_chunk ------------------------------------------------------------------


def test_file_chunkname_is_at_path(tmp_path: Path, seen: list) -> None:
    path = tmp_path / "x.lua"
    path.write_bytes(SOURCE)
    load_file(str(path))
    assert seen == [(SOURCE, b"@" + bytes(path))]


def test_relative_path_kept_as_given(tmp_path: Path, seen: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("y.lua").write_bytes(b"return")
    load_file("y.lua")
    assert seen == [(b"return", b"@y.lua")]


def test_stdin_chunkname(seen: list) -> None:
    load_file(None, stdin=io.BytesIO(SOURCE))
    assert seen == [(SOURCE, b"=stdin")]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"#!/usr/bin/lua\nreturn 1\n", b"\nreturn 1\n"),
        (b"# comment only", b"\n"),
        (b"#\n", b"\n"),
        (b"#!x\r\nreturn 1", b"\nreturn 1"),
        (b" #!x\nreturn 1", b" #!x\nreturn 1"),  # only a first byte '#' counts
        (b"", b""),
    ],
)
def test_first_line_starting_with_hash_is_skipped_keeping_its_newline(
    tmp_path: Path, seen: list, content: bytes, expected: bytes
) -> None:
    path = tmp_path / "s.lua"
    path.write_bytes(content)
    load_file(str(path))
    assert seen[0][0] == expected


def test_binary_file_is_passed_whole(tmp_path: Path, seen: list) -> None:
    path = tmp_path / "b.luac"
    path.write_bytes(b"\x1bLua\x51rest")
    load_file(str(path))
    assert seen[0][0] == b"\x1bLua\x51rest"


def test_binary_file_after_hash_line_starts_at_first_esc(tmp_path: Path, seen: list) -> None:
    path = tmp_path / "b.luac"
    path.write_bytes(b"#!/usr/bin/lua\n\x1bLua\x51rest")
    load_file(str(path))
    assert seen[0][0] == b"\x1bLua\x51rest"  # no newline kept: Lua reopens binary files


def test_binary_after_hash_line_with_esc_inside_it(tmp_path: Path, seen: list) -> None:
    # Lua reads from the file's first ESC, even when that is inside the skipped line
    path = tmp_path / "b.luac"
    path.write_bytes(b"#!\x1bx\n\x1bLua")
    load_file(str(path))
    assert seen[0][0] == b"\x1bx\n\x1bLua"


def test_stdin_is_not_reopened_for_binary(seen: list) -> None:
    load_file(None, stdin=io.BytesIO(b"#!x\n\x1bLua"))
    assert seen[0][0] == b"\n\x1bLua"


def test_stdin_hash_line(seen: list) -> None:
    load_file(None, stdin=io.BytesIO(b"#!lua\nreturn"))
    assert seen[0] == (b"\nreturn", b"=stdin")


# --- file errors --------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.lua"
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert err.value.msg == b"cannot open " + bytes(path) + b": No such file or directory"


def test_directory_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as err:
        load_file(str(tmp_path))
    assert err.value.msg == b"cannot read " + bytes(tmp_path) + b": Is a directory"


def test_stdin_read_error() -> None:
    class Broken(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(LoadError) as err:
        load_file(None, stdin=Broken())  # type: ignore[arg-type]
    assert err.value.msg == b"cannot read stdin: Input/output error"


@pytest.mark.parametrize("name", ["nope.lua", "."])
def test_file_errors_match_lua(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    lua = lua51.LuaRuntime(encoding=None)
    expected = lua.eval(f"select(2, loadfile('{name}'))")
    with pytest.raises(LoadError) as err:
        load_file(name)
    assert err.value.msg == expected


# --- loading for real ---------------------------------------------------------------------------


def _dump_with_lua(source: bytes, chunkname: bytes) -> bytes:
    lua = lua51.LuaRuntime(encoding=None)
    return lua.eval("function(s, n) return string.dump(assert(loadstring(s, n))) end")(source, chunkname)


def _lua_load_error(data: bytes, chunkname: bytes) -> bytes:
    lua = lua51.LuaRuntime(encoding=None)
    return lua.eval("function(s, n) return select(2, loadstring(s, n)) end")(data, chunkname)


def test_load_chunk_undumps_binary() -> None:
    data = _dump_with_lua(SOURCE, b"@x.lua")
    proto = load_chunk(data, b"@x.luac")
    assert proto.source == b"@x.lua"  # the chunk's own source name, from the dump
    assert proto.numparams == 0 and len(proto.protos) == 1


@pytest.mark.parametrize(
    "data",
    [b"\x1b", b"\x1bLua", b"\x1bLua\x52\x00\x01\x04\x08\x04\x08\x00", b"\x1bnot lua at all"],
)
@pytest.mark.parametrize("chunkname", [b"@x.luac", b"=stdin", b"x"])
def test_bad_binary_errors_match_lua(data: bytes, chunkname: bytes) -> None:
    with pytest.raises(LoadError) as err:
        load_chunk(data, chunkname)
    assert err.value.msg == _lua_load_error(data, chunkname)


def test_load_chunk_compiles_source() -> None:
    proto = load_chunk(SOURCE, b"@x.lua")
    assert proto.source == b"@x.lua"
    assert len(proto.protos) == 1


@pytest.mark.parametrize(
    "source",
    [b"x = = 1", b"if x then", b"local function", b"return 'unfinished", b"for i = 1 do end"],
)
def test_syntax_errors_match_lua(source: bytes) -> None:
    with pytest.raises(LoadError) as err:
        load_chunk(source, b"@t.lua")
    assert err.value.msg == _lua_load_error(source, b"@t.lua")


def test_hash_line_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.lua"
    path.write_bytes(b"#!/usr/bin/lua\nlocal = 1\n")
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert err.value.msg.endswith(b"t.lua:2: '<name>' expected near '='")


def test_file_listing_matches_luac(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    luac = shutil.which("luac5.1")
    if luac is None:
        pytest.fail("luac5.1 is not installed (Debian: apt-get install lua5.1)")
    (tmp_path / "t.lua").write_bytes(b"#!/usr/bin/lua\n" + SOURCE)
    expected = subprocess.run(
        [luac, "-l", "-l", "-p", "t.lua"], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    monkeypatch.chdir(tmp_path)
    got = list_function_bytes(load_file("t.lua"), True)
    assert ADDRESS.sub(b"0x?", got) == ADDRESS.sub(b"0x?", expected)
