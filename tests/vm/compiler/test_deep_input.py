"""Deep but valid input compiles as luac5.1 compiles it, with no Python recursion per operator
or suffix: chains of 100,000 operators or suffixes give luac5.1's chunk byte for byte, and where
5.1 stops (200 syntax levels, jumps longer than 131,071 instructions) its exact message."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vm.bytecode.chunk import dump
from vm.chunkid import MAXSRC, chunkid
from vm.compiler import compile_source
from vm.errors import LoadError

N = 100_000

CHAINS = {
    # left-associative operator chains: one loop of subexpr in lparser.c
    "add": "return 0" + "+1" * N,
    "mixed_arith": "local a = 1 return a" + " + a * a - a" * (N // 3),
    "equal": "local x = 1 return x" + " == 1" * N,
    "less": "local x = 1 return x" + " < 2" * N,
    # suffix chains: primaryexp's loop
    "field": "local t = {} t.a = t return t" + ".a" * N,
    "index": "local t = {} t[1] = t return t" + "[1]" * N,
    "call": "local function f() return f end return f" + "()" * N,
    "string_call": "local function f() return f end return f" + "'s'" * N,
    "method": "local s = {} function s:m() return self end return s" + ":m()" * N,
    "funcname": "a = {} a.b = a function a" + ".b" * N + ".c() end",
    "assign_target": "t = {} t.a = t t" + ".a" * N + " = 1",
    "call_statement": "local function f() return f end f" + "()" * N,
    # nesting: each level is a C-level recursion in lparser.c, 200 at most
    "concat": "local a = 'x' return a" + " .. a" * N,
    "power": "return 2" + "^1" * N,
    "not": "return " + "not " * N + "1",
    "minus": "return " + "- " * N + "1",
    "length": "return " + "# " * N + "'a'",
    "parens": "return " + "(" * N + "1" + ")" * N,
    "nested_tables": "return " + "{" * N + "}" * N,
    "nested_calls": "return " + "f(" * N + ")" * N,
    "nested_blocks": "do " * N + "end " * N,
    "nested_functions": "return " + "function() return " * N + "1" + " end" * N,
}


def luac(src: bytes, tmp_path: Path) -> tuple[bytes | None, str]:
    """luac5.1's chunk for src (not stripped), or its error message without the program name."""
    exe = shutil.which("luac5.1")
    assert exe, "luac5.1 is required (Debian package lua5.1)"
    path = tmp_path / "deep.lua"
    path.write_bytes(src)
    out = tmp_path / "deep.luac"
    proc = subprocess.run([exe, "-o", str(out), str(path)], capture_output=True, cwd=tmp_path)
    if proc.returncode != 0:
        return None, proc.stderr.decode("latin-1").strip().removeprefix(f"{exe}: ")
    return out.read_bytes(), ""


def ours(src: bytes, tmp_path: Path) -> tuple[bytes | None, str]:
    try:
        proto = compile_source(src, b"@" + str(tmp_path / "deep.lua").encode())
    except LoadError as err:
        return None, err.msg.decode("latin-1")
    return dump(proto), ""


@pytest.fixture
def shallow_python() -> None:
    """A Python recursion limit of 1,000 frames, whatever the suite set before: a compiler that
    recursed per operator or suffix would fail here long before 100,000."""
    saved = sys.getrecursionlimit()
    yield
    sys.setrecursionlimit(saved)


@pytest.mark.parametrize("name", sorted(CHAINS))
def test_chain_of_100000_compiles_as_luac(name: str, tmp_path: Path) -> None:
    src = CHAINS[name].encode()
    expected = luac(src, tmp_path)
    got = ours(src, tmp_path)
    if expected[0] is None:
        assert got == expected
    else:
        assert got[1] == "" and got[0] == expected[0]  # the very same chunk, byte for byte


@pytest.mark.parametrize("head, tail", [
    ("return ", ""), ("local x = ", "\nprint(x)"), ("g(", ")"), ("if ", " then x = 1 end y = 2"),
    ("while ", " do end"), ("x = ", "; y = 1"),
])
def test_long_and_chain_error_as_luac(head: str, tail: str, tmp_path: Path) -> None:
    """A jump longer than 5.1 allows, reported near the token lparser.c was at when it fixed
    the jump (after the statement, at the next instruction, ...). Each operand is a call of 8
    arguments, so luac5.1 (quadratic here) reaches the limit in well under a second."""
    operand = "f(a, a, a, a, a, a, a, a)"
    src = (head + operand + (" and " + operand) * 12_000 + tail).encode()
    expected = luac(src, tmp_path)
    assert expected[0] is None and "control structure too long" in expected[1]
    assert ours(src, tmp_path) == expected


@pytest.mark.parametrize("op", ["and", "or"])
def test_and_or_chains_of_100000(op: str, tmp_path: Path) -> None:
    """``a and a and ...`` of 100,000: luac5.1 takes about 40 s here to say that the jumps are
    too long (its jump lists are walked from the head each time: quadratic); ferrous walks them
    from where the last concat left off, and says the same (the message was checked against
    luac5.1 once; test_long_and_chain_error_as_luac checks the positions against it)."""
    src = ("local a = 1 return a" + f" {op} a" * N).encode()
    where = chunkid(b"@" + str(tmp_path / "deep.lua").encode(), MAXSRC).decode()  # as luac cuts it
    assert ours(src, tmp_path) == (None, f"{where}:1: control structure too long near '<eof>'")


def test_long_elseif_chain_as_luac(tmp_path: Path) -> None:
    """An if/elseif chain of 12,000 branches (370 KB): the escape list grows by one jump per
    branch; the same chunk as luac5.1's."""
    src = ("local x = 5\nif x == 0 then x = 1\n"
           + "".join(f"elseif x == {i} then x = {i}\n" for i in range(1, 12_000)) + "end\n").encode()
    expected = luac(src, tmp_path)
    assert expected[0] is not None
    assert ours(src, tmp_path) == expected


def test_chains_need_no_python_recursion(shallow_python: None, tmp_path: Path) -> None:
    """With Python's default recursion limit: the compiler raises it only to make room for 5.1's
    200 syntax levels, so set it low and check that chains do not depend on it."""
    import vm.compiler as compiler

    sys.setrecursionlimit(1000)
    saved = compiler._deep_enough
    compiler._deep_enough = lambda: None  # keep the low limit for this test
    try:
        for name in ("add", "field", "call", "method", "equal"):
            src = CHAINS[name].encode()
            assert ours(src, tmp_path)[1] == "", name
    finally:
        compiler._deep_enough = saved


SHORT_NESTINGS = {
    # few tokens per syntax level: the parser keeps room for one level per token (Parser.descs)
    "minus": lambda d: "return " + "-" * d + "1",
    "not": lambda d: "return " + "not " * d + "1",
    "parens": lambda d: "return " + "(" * d + "1" + ")" * d,
    "tables": lambda d: "return " + "{" * d + "}" * d,
    "power": lambda d: "return " + "1^" * d + "1",
    "calls": lambda d: "return " + "f(" * d + ")" * d,
    "index": lambda d: "return " + "t[" * d + "1" + "]" * d,
    "fields": lambda d: "t = " + "{a=" * d + "1" + "}" * d,
    "blocks": lambda d: "do " * d + "end",
}


@pytest.mark.parametrize("depth", [196, 197, 198, 199, 200])
@pytest.mark.parametrize("name", sorted(SHORT_NESTINGS))
def test_short_nesting_at_the_limit_as_luac(name: str, depth: int, tmp_path: Path) -> None:
    """Nesting near 5.1's 200 syntax levels in chunks of few tokens (the deepest a chunk can
    reach for its size): the same chunk as luac5.1's, or its message (too many syntax levels,
    or a syntax error where the chunk is cut short)."""
    src = SHORT_NESTINGS[name](depth).encode()
    expected = luac(src, tmp_path)
    got = ours(src, tmp_path)
    if expected[0] is None:
        assert got == expected
    else:
        assert got[1] == "" and got[0] == expected[0]
