"""The project's own error types, kept apart from Python's and from VM bugs."""

from __future__ import annotations


class LoadError(Exception):
    """A chunk failed to load (Lua's LUA_ERRSYNTAX): a syntax error or a bad binary chunk.

    ``msg`` is the byte string Lua itself would give, e.g. ``b"x.lua:3: '=' expected near 'y'"``.
    ``incomplete`` is true when the source ended too early (the error is at ``<eof>``): the REPL
    uses it to ask for another line instead of reporting the error.
    """

    def __init__(self, msg: bytes, *, line: int | None = None, incomplete: bool = False) -> None:
        super().__init__(msg.decode("utf-8", "replace"))
        self.msg = msg
        self.line = line
        self.incomplete = incomplete


class InternalError(Exception):
    """A bug in ferrous itself (never a Lua error): front ends report it as an internal error."""


class LuaError(Exception):
    """A Lua error in flight: ``value`` is the Lua value raised, of any Lua type.

    ``positioned=False`` asks for a ``chunk:line:`` prefix. ``runtime=True`` marks the engine's
    own errors (``table index is nil``, ``attempt to ...``): luaG_runerror places them at the
    running function, so they get no position when a library function was running. Other
    unpositioned errors are luaL_error's: placed at the library function's caller.
    ``error()`` raises already positioned values.
    """

    def __init__(self, value: object, *, positioned: bool = True, runtime: bool = False) -> None:
        super().__init__(value)
        self.value = value
        self.positioned = positioned
        self.runtime = runtime
        self.traceback: bytes | None = None
        self.handled = False  # an xpcall message handler has already seen it
        self.raised_by: object = None  # the generator frame whose own code raised it


class LimitError(Exception):
    """A run was ended by one of the session's limits (instructions, memory, wall-clock time).

    It is not a Lua error: pcall cannot catch it, the whole run stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Interrupted(LimitError):
    """The user interrupted a run (Ctrl-C in the REPL): like a limit, pcall cannot catch it.
    ``report``: what lua.c prints for it, taken from the stack where the run stopped
    (``stdin:1: interrupted!`` and the traceback), for front ends that show it as lua5.1 does."""

    def __init__(self, message: str, report: bytes | None = None) -> None:
        super().__init__(message)
        self.report = report
