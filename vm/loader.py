"""Loading chunks from bytes and files, as lua_load and lauxlib.c's luaL_loadfile do.

A chunk is binary when its first byte is ESC (ldo.c's f_parser looks at nothing else), source
otherwise. Files get the chunk name ``@path`` and standard input ``=stdin``; a first line starting
with ``#`` is skipped but its newline kept, so that line numbers stay right. Failures raise
LoadError carrying Lua's own message text.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import BinaryIO

from vm.bytecode.chunk import undump
from vm.bytecode.proto import Proto
from vm.compiler import compile_source
from vm.errors import LoadError
from vm.runtime.limits import compile_poll

SIGNATURE_FIRST = b"\x1b"  # LUA_SIGNATURE[0]


def load_chunk(data: bytes, chunkname: bytes, ccalls: int = 1) -> Proto:
    """Undump a binary chunk or compile source; raise LoadError as lua_load would fail.
    ``ccalls``: the C calls in progress, where the parser's syntax levels start counting.
    Inside a limited run (loadstring) the compiler polls the run's limits."""
    if data[:1] == SIGNATURE_FIRST:
        return undump(data, chunkname)
    return compile_source(data, chunkname, ccalls, poll=compile_poll())


def load_file(path: str | None, *, stdin: BinaryIO | None = None) -> Proto:
    """Load a file, or standard input when ``path`` is None (luaL_loadfile).

    ``stdin`` replaces the process's standard input (tests use it). Errors opening or reading
    read ``cannot open x.lua: No such file or directory`` and the like, as in Lua.
    """
    if path is None:
        chunkname = b"=stdin"
        data = _read_stdin(stdin)
    else:
        chunkname = b"@" + os.fsencode(path)
        data = _read_path(path)
    return load_chunk(_strip_for_load(data, from_file=path is not None), chunkname)


def _strip_for_load(data: bytes, *, from_file: bool) -> bytes:
    """What lua_load gets to read: a ``#`` first line becomes a bare newline.

    A file whose content (after such a line) starts with ESC is binary: Lua reopens it and reads
    from its first ESC byte, dropping the kept newline. Standard input is never reopened, so there
    the newline stays in front (and the chunk is then parsed as source, as in Lua).
    """
    extraline = False
    rest = data
    if data[:1] == b"#":
        extraline = True
        newline = data.find(b"\n")
        rest = b"" if newline < 0 else data[newline + 1 :]
    if rest[:1] == SIGNATURE_FIRST and from_file:
        return data[data.index(SIGNATURE_FIRST) :]
    return b"\n" + rest if extraline else rest


def _read_path(path: str) -> bytes:
    shown = os.fsencode(path)
    try:
        f = open(path, "rb")  # closed below; read errors are told apart
    except IsADirectoryError as exc:
        # C's fopen succeeds on a directory; its first read fails.
        raise LoadError(b"cannot read " + shown + b": " + _strerror(exc)) from None
    except OSError as exc:
        raise LoadError(b"cannot open " + shown + b": " + _strerror(exc)) from None
    with f:
        try:
            return f.read()
        except OSError as exc:
            raise LoadError(b"cannot read " + shown + b": " + _strerror(exc)) from None


def _read_stdin(stdin: BinaryIO | None) -> bytes:
    if stdin is None:
        if sys.stdin is None:  # descriptor 0 is closed
            raise LoadError(b"cannot read stdin: " + os.strerror(errno.EBADF).encode())
        stdin = sys.stdin.buffer
    try:
        return stdin.read()
    except OSError as exc:
        raise LoadError(b"cannot read stdin: " + _strerror(exc)) from None


def _strerror(exc: OSError) -> bytes:
    if exc.errno is None:
        return str(exc).encode("utf-8", "replace")
    return os.strerror(exc.errno).encode("utf-8", "replace")
