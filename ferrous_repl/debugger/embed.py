"""The debugger inside another front end: the REPL's ``:debug CODE`` debugs the code in the
REPL's own session (its globals, its functions) and gives the session back, with what the code
did, when the debugger closes."""

from __future__ import annotations

from ferrous_repl.debugger.app import DebuggerApp
from ferrous_repl.debugger.target import from_code
from vm.errors import LoadError
from vm.session import Session


def make_code_app(session: Session, code: str, theme: str | None = None) -> DebuggerApp:
    """The debugger on ``code`` compiled in ``session``; raises LoadError."""
    return DebuggerApp(from_code(session, code), theme)


def debug_code(session: Session, code: str, theme: str | None = None) -> str | None:
    """Open the debugger on ``code`` and return when the user quits: None, or the message
    saying why it could not start (a syntax error)."""
    try:
        app = make_code_app(session, code, theme)
    except LoadError as exc:
        return exc.msg.decode("utf-8", "replace")
    try:
        app.run()
    finally:
        app.debugger.pause()
        app.debugger.close()
    return None
