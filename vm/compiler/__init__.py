"""Lua 5.1 source to prototypes: lexer (tokens.py, lexer.py), then one pass of the parser
(parser.py) driving the code generator (funcstate.py), as lparser.c drives lcode.c."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

from vm.bytecode.proto import Proto


def compile_source(source: bytes, chunkname: bytes, ccalls: int = 1,
                   poll: Callable[[], None] | None = None) -> Proto:
    """Compile a chunk of Lua source; raise vm.errors.LoadError on a syntax error.

    ``chunkname`` is Lua's: b"@file.lua" for files, b"=stdin", or the source itself for strings.
    ``ccalls`` is 5.1's nCcalls when the parser starts (the C calls in progress: 1 in luac, 2
    for loadstring in lua.c's main chunk); its 200 syntax levels count from there. ``poll``,
    when given, is called every few thousand tokens: whatever it raises (a
    deadline passed, Ctrl-C) ends the compilation.
    """
    from vm.compiler.parser import Parser

    _deep_enough()
    was = gc.isenabled()  # Python's cycle collector off while compiling (see _no_collector)
    gc.disable()
    try:
        return Parser(source, chunkname, ccalls, poll=poll).parse_chunk()
    finally:
        if was:
            gc.enable()


def compile_stream(first: bytes, chunkname: bytes, feed: Callable[[], bytes],
                   ccalls: int = 1, poll: Callable[[], None] | None = None) -> Proto:
    """Compile source that arrives in pieces: ``first``, then each ``feed()`` (b"" at the end),
    asked for only when the lexer needs more, as lua_load asks its reader."""
    from vm.compiler.lexer import StreamLexer
    from vm.compiler.parser import Parser

    _deep_enough()
    lex = StreamLexer(first, chunkname, feed)
    was = gc.isenabled()  # (see _no_collector)
    gc.disable()
    try:
        return Parser(b"", chunkname, ccalls, lexer=lex, poll=poll).parse_chunk()
    finally:
        if was:
            gc.enable()


# _no_collector: Python's cycle collector is off while compiling: the compiler makes hundreds
# of thousands of small objects (tokens, descriptors, records) and no cycles, and the
# collections their number triggers took a quarter of the compile time. Memory is freed by
# reference counting as before; the collector goes back on as it was. (Inline in both entry
# points, not a context manager: that costs a generator per compile, a few microseconds, and
# a chunk given to loadstring is often a line or two.)


def _deep_enough() -> None:
    """The parser and the code generator recurse once per syntax level (5.1 allows 200, each a
    handful of Python frames; chains of operators and suffixes are loops), wherever the caller
    already is: make room for that."""
    if sys.getrecursionlimit() < 10000:
        sys.setrecursionlimit(10000)
