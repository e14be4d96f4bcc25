"""Syntax errors: the same text and position as luac5.1, and the "input ended early" flag."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from vm.compiler import compile_source
from vm.errors import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "syntax_errors"


def luac_error(path: Path) -> str:
    """What ``luac5.1 -p`` says about a file, without its program name."""
    luac = shutil.which("luac5.1")
    assert luac, "luac5.1 is required (Debian package lua5.1)"
    proc = subprocess.run([luac, "-p", str(path)], capture_output=True, check=False)
    return proc.stderr.decode("latin-1").strip().removeprefix(f"{luac}: ")


def our_error(path: Path) -> str:
    try:
        compile_source(path.read_bytes(), b"@" + str(path).encode())
    except LoadError as err:
        return err.msg.decode("latin-1")
    return ""


def _many(fmt: str, n: int, sep: str = ",") -> str:
    return sep.join(fmt % i for i in range(n))


SNIPPETS = {
    "eq_expected": "x = = 1",
    "call_newline": "f(\n,)",
    "unclosed_function": "local function f()\n\n\n",
    "unfinished_string": 'x = "abc',
    "malformed": "x = 3x",
    "ambiguous": "a = f\n(g)(h)",
    "unexpected": "x = )",
    "for_comma": "for i = 1 do end",
    "for_eq_in": "for a b",
    "if_unclosed": "if x then",
    "return_return": "return return",
    "two_values": "x = 1 2",
    "local_number": "local 1",
    "param_trailing_comma": "function f(a,) end",
    "param_number": "function f(1) end",
    "break_outside": "break",
    "vararg_outside": "function f() return ... end",
    "table_unclosed": "x = {1,2",
    "field_number": "x = a.1",
    "method_assign": "x.y:z = 1",
    "paren_assign": "(a) = 1",
    "call_assign": "a, f() = 1, 2",
    "hex_empty": "x = 0x",
    "exp_empty": "x = 1e",
    "two_dots": "x = 1.2.3",
    "control_char": "\x01",
    "high_byte": "x = \xff",
    "nul_byte": "x = 1 \x00 y",
    "until_alone": "until",
    "repeat_unclosed": "repeat x = 1",
    "string_newline": "x = 'a\nb'",
    "table_empty_value": "local t = {x=}",
    "table_bracket_no_eq": "local t = {[1]}",
    "return_trailing_comma": "return 1,",
    "not_alone": "x = not",
    "args_unclosed": "print('x'",
    "args_juxtaposed": "print('x' 'y')",
    "function_no_args": "f = function",
    "end_alone": "\n\n\n\nend",
    "close_other_line": "if x then\n  y = 1\n\nelse\n",
    "paren_other_line": "x = (1 +\n2\n",
    "too_many_locals": "local " + _many("a%d", 201),
    "too_many_locals_stat": _many("local a%d", 201, "\n"),
    "too_many_registers": "f(" + _many("%d", 300) + ")",
    # a run of constant items in a constructor (taken in one step) reaching the register limit
    "too_many_registers_in_items": "local " + _many("a%d", 199) + "\nlocal t = {1, 2,\n"
    + _many("'%d'", 60) + "}",
    "too_many_levels": "x = " + "(" * 300 + "1" + ")" * 300,
    "too_many_unary": "x = " + "-" * 300 + "1",
    "too_many_upvalues": _many("local x%d = 1", 70, "\n")
    + "\nfunction f() return " + _many("x%d", 70, "+") + " end",
    "too_many_assign_targets": "a" + "".join(",a%d" % i for i in range(250)) + " = 1",
    "long_string_in_table": "t = {[[",
    # one pass, as lparser.c: a code generator limit reached before a later syntax error is
    # the error reported (and a syntax error before a later limit)
    "registers_then_syntax": "f(" + _many("%d", 300) + ")\nx = = 1",
    "syntax_then_registers": "x = = 1\nf(" + _many("%d", 300) + ")",
    # 5 instructions a term: the first jump passes MAXARG_sBx (131071) from ~26,500 terms on
    # (luac5.1 patches the chain quadratically: 30,000 terms take it 1.3 s, 70,000 7.4 s)
    "jump_limit_then_syntax": "x = f(a)" + " and f(a)" * 30_000 + "\nx = = 1",
    "long_chunkname": "x = = 1",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_errors_match_luac(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.lua"
    path.write_bytes(SNIPPETS[name].encode("latin-1"))
    ref = luac_error(path)
    assert ref, "luac5.1 accepted the snippet; it is meant to be an error"
    if name == "jump_limit_then_syntax":
        assert "control structure too long" in ref
    assert our_error(path) == ref


def test_long_file_names_are_shortened_like_lua(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 40)
    deep.mkdir(parents=True)
    path = deep / "x.lua"
    path.write_bytes(b"x = = 1")
    assert our_error(path) == luac_error(path)
    assert our_error(path).startswith("...")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.lua"))


def test_corpus_has_syntax_errors() -> None:
    assert len(corpus_files()) >= 60


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_errors_match_luac(path: Path) -> None:
    ref = luac_error(path)
    assert ref
    assert our_error(path) == ref


@pytest.mark.parametrize("src, incomplete", [
    (b"function f()", True),
    (b"x = ", True),
    (b"for i = 1, 2 do", True),
    (b"if x then else", True),
    (b'x = "abc', True),
    (b"x = [[abc", True),
    (b"--[[ comment", True),
    (b"t = {1, 2,", True),
    (b"print(1,", True),
    (b"x = )", False),
    (b"x = 'abc\n", False),
    (b"end", False),
    (b"x = 1 2", False),
])
def test_incomplete_input_is_flagged(src: bytes, incomplete: bool) -> None:
    """The REPL asks for more input exactly when lua.c would: the error is at <eof>."""
    with pytest.raises(LoadError) as err:
        compile_source(src, b"=stdin")
    assert err.value.incomplete is incomplete
    assert err.value.msg.endswith(b"'<eof>'") is incomplete


def test_syntax_levels_limit_from_a_deep_python_stack() -> None:
    """The compiler recurses per syntax level: at 5.1's limit it must still answer with the
    Lua error, even when called from deep inside a program (loadstring in the test suite)."""
    import sys

    def deep(n: int) -> LoadError:
        if n:
            return deep(n - 1)
        with pytest.raises(LoadError) as err:
            compile_source(b"local a; " + b"a(" * 400, b"=x")
        return err.value

    old = sys.getrecursionlimit()
    try:
        assert b"chunk has too many syntax levels" in deep(min(old - 100, 800)).msg
    finally:
        sys.setrecursionlimit(max(old, sys.getrecursionlimit()))
