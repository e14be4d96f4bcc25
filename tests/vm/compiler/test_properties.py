"""Property tests: no input makes the compiler raise anything but LoadError, and on mutated
programs it agrees with luac5.1 (same listing, or the same error)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vm.bytecode.listing import list_function
from vm.compiler import compile_source
from vm.errors import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PROGRAMS = sorted(p.read_bytes() for p in CORPUS.rglob("*.lua")
                  if p.parent.name != "syntax_errors" and p.stat().st_size < 20000)
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")

# fragments that are likely to make interesting mutants
FRAGMENTS = [b"(", b")", b"end", b"local", b",", b"=", b"..", b"...", b"[", b"]", b"{", b"}", b'"',
             b"'", b"[[", b"]]", b"--", b"\n", b"\r", b"function", b"return", b"break", b"not", b"-",
             b"1e", b"0x", b";", b":", b".", b"x", b"\\", b"\0", b"\xff", b"until", b"do", b"then",
             b"#", b"and", b"or", b"[=[", b"if", b"for", b"in", b"while", b"repeat", b"else"]


def compile_or_error(src: bytes) -> str:
    """Our listing of src, or our error message; anything else escapes and fails the test."""
    try:
        return ADDRESS.sub("0x?", list_function(compile_source(src, b"@fz.lua"), True)).rstrip()
    except LoadError as err:
        return "luac5.1: " + err.msg.decode("latin-1")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_a_chunk_or_load_error(data: bytes) -> None:
    compile_or_error(data)


LUA_ALPHABET = st.sampled_from([*FRAGMENTS, b" ", b"a", b"1", b"+", b"*", b"<", b"==", b"~="])


@settings(max_examples=400, deadline=None)
@given(st.lists(LUA_ALPHABET, max_size=60).map(b" ".join))
def test_token_soup_gives_a_chunk_or_load_error(data: bytes) -> None:
    compile_or_error(data)


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    src = bytearray(draw(st.sampled_from(PROGRAMS)))
    for _ in range(draw(st.integers(1, 3))):
        pos = draw(st.integers(0, len(src)))
        how = draw(st.sampled_from(["insert", "delete", "byte"]))
        if how == "insert":
            src[pos:pos] = draw(st.sampled_from(FRAGMENTS))
        elif how == "delete":
            del src[pos:pos + draw(st.integers(1, 8))]
        else:
            src[pos:pos + 1] = bytes([draw(st.integers(0, 255))])
    return bytes(src)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_mutated_programs_match_luac(tmp_path_factory, src: bytes) -> None:
    if src.startswith((b"#", b"\x1b")):  # the file loader's business, not the compiler's
        return
    luac = shutil.which("luac5.1")
    assert luac, "luac5.1 is required (Debian package lua5.1)"
    path = tmp_path_factory.mktemp("fz") / "fz.lua"
    path.write_bytes(src)
    proc = subprocess.run([luac, "-l", "-l", "-p", "fz.lua"], cwd=path.parent, capture_output=True,
                          check=False)
    if proc.returncode == 0:
        ref = ADDRESS.sub("0x?", proc.stdout.decode("latin-1")).rstrip()
    else:
        ref = proc.stderr.decode("latin-1").strip().replace(f"{luac}: ", "luac5.1: ", 1)
    assert compile_or_error(src) == ref
