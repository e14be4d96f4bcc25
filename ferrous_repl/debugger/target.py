"""What the debugger debugs: a Lua file with its arguments (as ``lua5.1 FILE args`` would run
it, with the ``arg`` table), or code typed in the REPL, in the REPL's own session."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from ferrous_repl.debugger.sources import SourceBook
from vm.debugger import Debugger
from vm.errors import LoadError
from vm.runtime.table import LuaTable
from vm.session import Session


@dataclass(slots=True)
class Target:
    debugger: Debugger
    sources: SourceBook
    name: str  # what the title bar says


def from_file(path: str, args: list[str], prog: str = "ferrous", *,
              stdin: BinaryIO | None = None) -> Target:
    """Load ``path`` in a fresh session; raises LoadError (the message is lua5.1's).
    ``stdin``: the program's standard input (none by default)."""
    session = Session()
    arg = LuaTable()
    for i, a in enumerate([prog, "debug", path, *args]):
        arg.set(float(i - 2), a.encode("utf-8", "surrogateescape"))
    session.globals.set_str(b"arg", arg)
    fn = session.load_file(path)
    sources = SourceBook()
    return Target(Debugger(session, fn, [a.encode("utf-8", "surrogateescape") for a in args],
                           stdin=stdin), sources, path)


def from_code(session: Session, code: str, chunkname: bytes = b"=(debug)") -> Target:
    """Compile ``code`` in an existing session (the REPL's); raises LoadError."""
    data = code.encode("utf-8", "surrogateescape")
    fn = session.load(data, chunkname)
    sources = SourceBook()
    sources.add(chunkname, data)
    return Target(Debugger(session, fn), sources, code.splitlines()[0] if code else "(debug)")


EMPTY = b"=(session)"


def empty() -> Target:
    """A fresh session with nothing to run: the debugger is a REPL through its eval box."""
    session = Session()
    target = from_code(session, "", EMPTY)
    target.name = "empty session"
    target.debugger.continue_()  # the empty chunk ends at once: evaluations run in the globals
    return target


__all__ = ["EMPTY", "LoadError", "Target", "empty", "from_code", "from_file"]
