"""Is this input complete? The pure function behind the Enter key.

The compiler decides, not string matching: an input is incomplete when compiling it fails with
the compiler's unexpected-end-of-input flag (``LoadError.incomplete``, the error that lua.c
recognises by its ``'<eof>'`` ending). A bare expression is shown, so ``return <input>`` is tried
first, as Lua 5.2 and later do; ``=expr`` is ``return expr`` as in lua.c 5.1. Nothing runs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vm.errors import LoadError
from vm.loader import load_chunk

CHUNKNAME = b"=stdin"  # lua.c names interactive chunks so: errors read "stdin:1: ..."


@dataclass(frozen=True, slots=True)
class Chunk:
    """Input that compiles: ``source`` is what to run (``return ...`` for an expression)."""

    source: bytes
    expression: bool


@dataclass(frozen=True, slots=True)
class Incomplete:
    """The input ended too early: Enter should add a line."""


@dataclass(frozen=True, slots=True)
class Invalid:
    """A syntax error that more input cannot mend; ``message`` is Lua's own text."""

    message: bytes


@dataclass(frozen=True, slots=True)
class Empty:
    """Nothing but white space."""


Verdict = Chunk | Incomplete | Invalid | Empty


def _compile(source: bytes) -> LoadError | None:
    try:
        load_chunk(source, CHUNKNAME)
    except LoadError as exc:
        return exc
    return None


@lru_cache(maxsize=8)
def analyse(text: str) -> Verdict:
    """What the input is: a chunk to run, incomplete, a syntax error, or empty. Remembered for
    the last few texts: the toolbar and the Enter key ask about the same input at each key."""
    data = text.encode("utf-8", "surrogateescape")
    if not data.strip():
        return Empty()
    if data.startswith(b"="):
        source = b"return " + data[1:]
        err = _compile(source)
        if err is None:
            return Chunk(source, True)
        return Incomplete() if err.incomplete else Invalid(err.msg)
    as_expression = b"return " + data
    expr_err = _compile(as_expression)
    if expr_err is None:
        return Chunk(as_expression, True)
    stat_err = _compile(data)
    if stat_err is None:
        return Chunk(data, False)
    if stat_err.incomplete or expr_err.incomplete:
        return Incomplete()
    return Invalid(stat_err.msg)


def is_incomplete(text: str) -> bool:
    return isinstance(analyse(text), Incomplete)
