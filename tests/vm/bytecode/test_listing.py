"""The listing against `luac5.1 -l` and `luac5.1 -l -l` on the same chunks, addresses masked."""

from __future__ import annotations

import ctypes
import math
import re
import struct
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from vm.bytecode.chunk import dump, undump
from vm.bytecode.listing import format_instruction, format_number, list_function, list_function_bytes
from vm.bytecode.opcodes import Op, create_abc, create_abx
from vm.bytecode.proto import Proto

_libc = ctypes.CDLL(None)


def c_format(x: float) -> str:
    """What glibc's printf("%.14g") prints: the reference for format_number."""
    buf = ctypes.create_string_buffer(64)
    _libc.snprintf(buf, 64, b"%.14g", ctypes.c_double(x))
    return buf.value.decode("ascii")


def test_full_listing_matches_luac(bc, corpus, snippet):
    c = corpus[snippet]
    proto = undump(c.chunk, b"@" + c.path.name.encode())
    assert bc.mask(list_function(proto, full=True)) == bc.mask(c.listing_full)


def test_short_listing_matches_luac(bc, corpus, snippet):
    c = corpus[snippet]
    proto = undump(c.chunk, b"=x")
    assert bc.mask(list_function(proto, full=False)) == bc.mask(c.listing)


def test_stripped_listing_matches_luac(bc, corpus, snippet):
    c = corpus[snippet]
    proto = undump(c.stripped, b"=x")
    assert bc.mask(list_function(proto, full=True)) == bc.mask(c.stripped_listing_full)


def test_addresses_are_stable_and_consistent(corpus):
    text = list_function(undump(corpus["deep_functions"].chunk, b"=x"), full=True)
    headers = re.findall(r"instructions?, \d+ bytes at (0x[0-9a-f]+)\)", text)
    closures = re.findall(r"CLOSURE\s+\d+ \d+\t; (0x[0-9a-f]+)", text)
    assert len(set(headers)) == len(headers) == 13
    assert closures == headers[1:]  # each nested function is created once, by its parent
    for addr in headers:
        for section in ("constants", "locals", "upvalues"):  # each function's sections name it
            assert re.search(rf"\n{section} \(\d+\) for {addr}:\n", text), (section, addr)
    assert text == list_function(undump(corpus["deep_functions"].chunk, b"=x"), full=True)


def test_format_instruction_is_the_listing_line(corpus):
    proto = undump(corpus["tables"].chunk, b"=x")
    text = list_function(proto, full=False, address=id).split("\nfunction <")[0]  # main only
    lines = [line for line in text.splitlines() if line.startswith("\t")]
    for pc, line in enumerate(lines):  # no SETLIST with C == 0 here, so lines and pcs agree
        assert line.split("\t", 3)[3] == format_instruction(proto, pc)


def test_setlist_with_count_word(corpus):
    proto = undump(corpus["huge_constructor"].chunk, b"=x")
    pcs = [pc for pc, i in enumerate(proto.code) if i & 0x3F == Op.SETLIST and (i >> 14) & 0x1FF == 0]
    assert pcs, "the corpus must exercise SETLIST with C == 0"
    assert format_instruction(proto, pcs[0]).endswith(f"; {proto.code[pcs[0] + 1]}")


def _lua_dump_chunks(sources: dict[bytes, bytes]) -> dict[bytes, bytes]:
    """string.dump of functions loaded by lupa under various chunk names."""
    from lupa import lua51

    lua = lua51.LuaRuntime(encoding=None)
    dumper = lua.eval("function(s, n) return string.dump(assert(loadstring(s, n))) end")
    return {name: dumper(src, name) for name, src in sources.items()}


def test_string_dump_chunks_list_like_luac(bc, tmp_path: Path):
    # chunk names that print.c shows as a file name, "(string)" and "(bstring)"
    src = b"local a = ... return function(x) return a, x, 'q' end"
    names = [b"@file.lua", b"=stdin", b"return 1", src, b"\x1bweird", b"", b"@"]
    chunks = _lua_dump_chunks({name: src for name in names})
    for i, name in enumerate(names):
        chunk = chunks[name]
        path = tmp_path / f"d{i}.luac"
        path.write_bytes(chunk)
        expected = bc.run_luac(["-l", "-l", "-p", path.name], tmp_path).decode("utf-8", "surrogateescape")
        proto = undump(chunk, b"=x")
        assert proto.source == name
        assert bc.mask(list_function(proto, full=True)) == bc.mask(expected), name
        assert dump(proto) == chunk


@pytest.mark.parametrize("name", ["upvalue_chain", "globals", "closures"])
def test_names_with_odd_bytes_are_written_raw(bc, corpus, tmp_path: Path, name: str):
    # Names print unescaped and up to a NUL (%s); the str API keeps every byte recoverable.
    # luac's lexer refuses such names, so they are put into a compiled chunk by hand.
    proto = undump(corpus[name].chunk, b"=x")
    proto.source = b"@caf\xe9\xff.lua"
    stack = [proto]
    while stack:
        f = stack.pop()
        stack.extend(f.protos)
        for v in f.locvars:
            v.name = b"\xe9" + v.name + b"\0hidden"
        f.upvalues = [b"up\x80" + n + b"\0" for n in f.upvalues]
        f.constants = [b"\xff\x01" + k + b"\0x" if isinstance(k, bytes) else k for k in f.constants]
    path = tmp_path / "odd.luac"
    path.write_bytes(dump(proto))
    expected = bc.run_luac(["-l", "-l", "-p", path.name], tmp_path)
    assert b"\xe9" in expected
    assert bc.mask(list_function_bytes(proto, True).decode("latin-1")) == bc.mask(expected.decode("latin-1"))
    assert list_function(proto, True).encode("utf-8", "surrogateescape") == list_function_bytes(proto, True)


def test_nan_and_odd_constants_list_like_luac(bc, tmp_path: Path):
    # NaN never comes out of luac's constant folding: build the chunk by hand
    ret = create_abc(Op.RETURN, 0, 1, 0)
    neg_nan = struct.unpack("<d", struct.pack("<Q", 0xFFF8000000000000))[0]
    proto = Proto(
        source=b"=hand\0made",
        code=[create_abx(Op.LOADK, 0, i) for i in range(6)] + [ret],
        constants=[math.nan, neg_nan, math.inf, -math.inf, None, True],
        maxstacksize=2,
    )
    path = tmp_path / "nan.luac"
    path.write_bytes(dump(proto))
    expected = bc.run_luac(["-l", "-l", "-p", path.name], tmp_path).decode()
    assert bc.mask(list_function(proto, full=True)) == bc.mask(expected)


@given(st.floats(allow_nan=True, allow_infinity=True))
@example(0.1 + 0.2)
@example(1e15)
@example(1e16)
@example(123456789012345.6)
@example(5e-324)
@example(-0.0)
@settings(max_examples=2000)
def test_format_number_is_printf_14g(x: float):
    assert format_number(x) == c_format(x)


@given(st.integers(min_value=0, max_value=(1 << 64) - 1))
@settings(max_examples=2000)
def test_format_number_on_any_bit_pattern(bits: int):
    x = struct.unpack("<d", struct.pack("<Q", bits))[0]
    assert format_number(x) == c_format(x)


def test_listing_of_project_corpus(bc, tmp_path: Path):
    """Every program in tests/corpus that luac5.1 compiles lists the same."""
    root = Path(__file__).resolve().parents[2] / "corpus"
    files = sorted(root.rglob("*.lua")) if root.is_dir() else []
    for i, path in enumerate(files):
        text = path.read_bytes()
        src = tmp_path / f"c{i}.lua"
        src.write_bytes(text)
        r = subprocess.run(
            [bc.luac_path(), "-o", f"c{i}.luac", src.name], cwd=tmp_path, capture_output=True, check=False
        )
        if r.returncode != 0:  # a syntax-error test program
            continue
        expected = bc.run_luac(["-l", "-l", "-p", src.name], tmp_path).decode("utf-8", "surrogateescape")
        chunk = (tmp_path / f"c{i}.luac").read_bytes()
        proto = undump(chunk, b"=x")
        assert bc.mask(list_function(proto, full=True)) == bc.mask(expected), path
        assert dump(proto) == chunk, path
