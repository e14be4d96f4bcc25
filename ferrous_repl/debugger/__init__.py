"""The step debugger (Textual): ``make_app(path, args, theme)`` builds the app the CLI runs and
the tests drive; ``from_code`` debugs code in an existing session (the REPL's ``:debug``).

The app is imported when first asked for, so that the package's Textual-free modules (``names``,
which the debug adapter shares) can be imported without Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ferrous_repl.debugger.app import DebuggerApp, make_app

__all__ = ["DebuggerApp", "make_app"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from ferrous_repl.debugger import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
