"""The step debugger (Textual): ``make_app(path, args, theme)`` builds the app the CLI runs and
the tests drive; ``from_code`` debugs code in an existing session (the REPL's ``:debug``)."""

from ferrous_repl.debugger.app import DebuggerApp, make_app

__all__ = ["DebuggerApp", "make_app"]
