"""The compiler's ``poll`` hook (what loadstring's guard uses to stop a long compilation): it is
called once at the first token and then every 4,096 tokens, what it raises stops the compilation
and comes out of compile_source, and a compilation that it lets run gives exactly what it gives
without a poll: the same binary chunk or the same error, on every corpus program (syntax errors
included) and on sources where the quick cut leaves tokens to the lexer."""

from __future__ import annotations

from pathlib import Path

import pytest

from vm.bytecode.chunk import dump
from vm.compiler import compile_source, compile_stream
from vm.compiler.tokens import tokenize
from vm.errors import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SOURCES = sorted(CORPUS.rglob("*.lua"))
# each with tokens the quick cut leaves to the lexer (an error there, or a long bracket of many
# '='), some of them after a poll
LEXER_LEFT = [
    b"local a = 1\nlocal b = 'bad \\999 escape'\n",
    b"x = [=====[long\n]=====]\nlocal y = 1\nreturn x, y\n",
    b"x = 1\n" * 3000 + b"y = [=====[ many ]=====] .. 'a\\300'\n",
    b"x = 1\n" * 3000 + b"y = 'unfinished\n",
    b"x = 1\n" * 3000 + b"--[[ never ends\n",
    b"return 0x\n",
]


def _outcome(src: bytes, poll) -> bytes:
    try:
        return dump(compile_source(src, b"@t.lua", poll=poll))
    except LoadError as err:
        return b"error: " + err.msg


def _tokens(src: bytes) -> int:
    toks = tokenize(src)
    assert toks is not None
    return len(toks.kinds)


@pytest.mark.parametrize("src", [p.read_bytes() for p in SOURCES] + LEXER_LEFT,
                         ids=[f"{p.parent.name}/{p.stem}" for p in SOURCES]
                         + [f"lexer_left{i}" for i in range(len(LEXER_LEFT))])
def test_a_poll_changes_nothing(src: bytes) -> None:
    calls: list[int] = []
    assert _outcome(src, lambda: calls.append(1)) == _outcome(src, None)
    assert calls


def test_poll_every_4096_tokens() -> None:
    src = b"local t = {}\n" + b"t[#t + 1] = 'x' .. 1\n" * 5000 + b"return t\n"
    calls: list[int] = []
    compile_source(src, b"=t", poll=lambda: calls.append(1))
    assert len(calls) == -(-_tokens(src) // 4096)


def test_poll_every_4096_tokens_from_the_lexer() -> None:
    """Source in pieces (load with a reader) is scanned by the lexer: polled just the same."""
    src = b"local t = {}\n" + b"t[#t + 1] = 'x' .. 1\n" * 5000 + b"return t\n"
    pieces = [src[i:i + 1000] for i in range(0, len(src), 1000)]
    feed = iter(pieces[1:])
    calls: list[int] = []
    compile_stream(pieces[0], b"=t", lambda: next(feed, b""), poll=lambda: calls.append(1))
    assert len(calls) == -(-_tokens(src) // 4096)


class Stop(Exception):
    pass


def test_what_the_poll_raises_stops_the_compilation() -> None:
    src = b"x = 1\n" * 20000
    seen: list[int] = []

    def poll() -> None:
        seen.append(1)
        if len(seen) == 3:
            raise Stop

    with pytest.raises(Stop):
        compile_source(src, b"=t", poll=poll)
    assert len(seen) == 3
