"""Lua 5.1 source to prototypes: lexer, parser (to an AST), code generator."""

from __future__ import annotations

from vm.bytecode.proto import Proto


def compile_source(source: bytes, chunkname: bytes) -> Proto:
    """Compile a chunk of Lua source; raise vm.errors.LoadError on a syntax error.

    ``chunkname`` is Lua's: b"@file.lua" for files, b"=stdin", or the source itself for strings.
    """
    import sys

    from vm.compiler.codegen import generate
    from vm.compiler.parser import parse

    # The parser and the code generator recurse once per syntax level (5.1 allows 200, each a
    # handful of Python frames), wherever the caller already is: make room for that.
    if sys.getrecursionlimit() < 10000:
        sys.setrecursionlimit(10000)
    return generate(parse(source, chunkname), chunkname, source)
