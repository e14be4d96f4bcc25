"""Interactive mode without a terminal (``ferrous -i`` with piped input): lua.c 5.1's dotty.

Line by line, as lua5.1 (Debian's, built with readline) does it: the prompt (``_PROMPT`` /
``_PROMPT2`` or ``> `` / ``>> ``) and the line read are written to standard output, a line
starting with ``=`` becomes ``return ...``, lines are joined while the chunk is incomplete, errors
go to standard error without the program name, and results are printed by the global ``print``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from ferrous_repl.repl.completeness import CHUNKNAME
from vm.errors import LoadError, LuaError
from vm.session import Session
from vm.values_view import ValuesView, kind, number_text


def _prompt(view: ValuesView, first: bool) -> bytes:
    text = _as_text(view.field(view.globals, "_PROMPT" if first else "_PROMPT2"))
    return text if text is not None else (b"> " if first else b">> ")


def _as_text(value: object) -> bytes | None:
    """lua_tostring: strings and numbers have a text, other values none."""
    if kind(value) == "string":
        return value  # type: ignore[return-value]
    if kind(value) == "number":
        return number_text(value).encode()  # type: ignore[arg-type]
    return None


def _loadline(session: Session, readline: Callable[[bool], bytes | None],
              message: Callable[[bytes], None]) -> object:
    """lua.c's loadline: the compiled chunk; False after a syntax error (reported); None when
    the input ends (an incomplete chunk is then dropped, as lua.c drops it)."""
    line = readline(True)
    if line is None:
        return None
    if line.startswith(b"="):
        line = b"return " + line[1:]
    while True:
        try:
            return session.load(line, CHUNKNAME)
        except LoadError as exc:
            if not exc.incomplete:
                message(exc.msg)
                return False
            more = readline(False)
            if more is None:
                return None
            line += b"\n" + more


def dotty(session: Session, out: BinaryIO, err: BinaryIO, stdin: BinaryIO, echo: bool) -> int:
    """Read, run and print until the input ends; ``echo`` writes each line read after its
    prompt (readline does when standard input is not a terminal)."""
    view = ValuesView(session)

    def message(text: bytes) -> None:
        out.flush()
        err.write(text + b"\n")
        err.flush()

    def readline(first: bool) -> bytes | None:
        out.write(_prompt(view, first))
        out.flush()
        line = stdin.readline()
        if not line:
            return None
        line = line[:-1] if line.endswith(b"\n") else line
        if echo:
            out.write(line + b"\n")
        return line

    while (fn := _loadline(session, readline, message)) is not None:
        if fn is False:
            continue
        try:
            results = session.call(fn, [])
        except LuaError as exc:
            if exc.value is not None:
                text = _as_text(exc.value)
                if text is None:
                    message(b"(error object is not a string)")
                else:
                    message(text + (b"\n" + exc.traceback if exc.traceback else b""))
            continue
        if results:
            try:
                session.call(view.field(view.globals, "print"), results)
            except LuaError as exc:
                message(b"error calling 'print' (%s)" % (_as_text(exc.value) or b"(null)"))
    out.write(b"\n")
    out.flush()
    return 0
