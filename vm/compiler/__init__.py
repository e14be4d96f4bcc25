"""Lua 5.1 source to prototypes: lexer, parser (to an AST), code generator."""

from __future__ import annotations

from collections.abc import Callable

from vm.bytecode.proto import Proto


def compile_source(source: bytes, chunkname: bytes, ccalls: int = 1) -> Proto:
    """Compile a chunk of Lua source; raise vm.errors.LoadError on a syntax error.

    ``chunkname`` is Lua's: b"@file.lua" for files, b"=stdin", or the source itself for strings.
    ``ccalls`` is 5.1's nCcalls when the parser starts (the C calls in progress: 1 in luac, 2
    for loadstring in lua.c's main chunk); its 200 syntax levels count from there.
    """
    from vm.compiler.codegen import generate
    from vm.compiler.parser import Parser

    _deep_enough()
    return generate(Parser(source, chunkname, ccalls).parse_chunk(), chunkname, source)


def compile_stream(first: bytes, chunkname: bytes, feed: Callable[[], bytes],
                   ccalls: int = 1) -> Proto:
    """Compile source that arrives in pieces: ``first``, then each ``feed()`` (b"" at the end),
    asked for only when the lexer needs more, as lua_load asks its reader."""
    from vm.compiler.codegen import generate
    from vm.compiler.lexer import StreamLexer
    from vm.compiler.parser import Parser

    _deep_enough()
    lex = StreamLexer(first, chunkname, feed)
    chunk = Parser(b"", chunkname, ccalls, lexer=lex).parse_chunk()
    return generate(chunk, chunkname, lex.text())


def _deep_enough() -> None:
    """The parser and the code generator recurse once per syntax level (5.1 allows 200, each a
    handful of Python frames; chains of operators and suffixes are loops), wherever the caller
    already is: make room for that."""
    import sys

    if sys.getrecursionlimit() < 10000:
        sys.setrecursionlimit(10000)
