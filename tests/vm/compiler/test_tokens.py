"""The quick cut (tokens.py) against the lexer (lexer.py, which follows llex.c): the same tokens,
values, marks and lines up to the first token the lexer must scan itself, on every corpus program
and on random mixtures of the fragments where lexers go wrong."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vm.compiler.lexer import EOS, Lexer
from vm.compiler.tokens import SLOW, tokenize
from vm.errors import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FRAGMENTS = [b"--", b"[[", b"]]", b"[=[", b"]=]", b"[==[", b"]==]", b"[=====[", b"[", b"]", b"=",
             b'"', b"'", b"\\", b"\\n", b"\\300", b"\\12", b"\n", b" ", b"\t", b"x", b"_a1", b"end",
             b"1", b"0x1F", b"1e", b"1e+5", b".5", b"..", b"...", b".", b"~=", b"~", b"<=", b"-",
             b"#", b"\xff", b"@", b"\v", b"\f", b"3..4", b"0x", b"a.b", b"--[[", b"--[=["]


def by_lexer(src: bytes) -> list[tuple]:
    lex = Lexer(src, b"=t")
    out: list[tuple] = []
    while True:
        mark = lex.line | lex.pos << 32
        try:
            token, value = lex.scan()
        except LoadError:
            return [*out, ("error", mark)]
        out.append((token, value, mark, lex.line))
        if token == EOS:
            return out


def by_cut(src: bytes) -> tuple[list[tuple], int | None]:
    """The tokens the quick cut gives, and the index of the first one the lexer must scan."""
    toks = tokenize(src)
    assert toks is not None
    out: list[tuple] = []
    pos = 0  # where token i's scan begins, summed here (toks.pos(i) sums it for one token)
    values = toks.values  # (a list made when asked)
    for i, kind in enumerate(toks.kinds):
        if kind == SLOW:
            assert toks.pos(i) == pos  # where the parser has the lexer rescan
            return out, i
        out.append((kind, values[i], toks.marks[i] | pos << 32, toks.marks[i + 1]))
        if i == len(toks.kinds) - 1:  # <eof>
            assert toks.pos(i) == pos
        pos += len(toks.spaces[i]) + len(toks.text(i))
    return out, None


def same(src: bytes) -> None:
    cut, slow_at = by_cut(src)
    lexed = by_lexer(src)
    assert cut == lexed[:len(cut)]
    if slow_at is None:
        assert len(cut) == len(lexed)
    else:  # the lexer reports an error there, or scans a long bracket of five '=' or more
        assert lexed[slow_at][0] == "error" or b"=====" in src, (lexed[slow_at], src)


def test_corpus_programs_cut_as_the_lexer_scans() -> None:
    for path in sorted(CORPUS.rglob("*.lua")):
        src = path.read_bytes()
        if b"\r" in src or b"\0" in src:
            assert tokenize(src) is None
            continue
        same(src)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_fragments_cut_as_the_lexer_scans(parts: list[bytes]) -> None:
    same(b"".join(parts))
