"""Lua 5.1 source to prototypes: lexer, parser (to an AST), code generator."""

from __future__ import annotations

from vm.bytecode.proto import Proto


def compile_source(source: bytes, chunkname: bytes) -> Proto:
    """Compile a chunk of Lua source; raise vm.errors.LoadError on a syntax error.

    ``chunkname`` is Lua's: b"@file.lua" for files, b"=stdin", or the source itself for strings.
    """
    from vm.compiler.codegen import generate
    from vm.compiler.parser import parse

    return generate(parse(source, chunkname), chunkname, source)
