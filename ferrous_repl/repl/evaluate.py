"""Running one piece of input: load, call with Ctrl-C stopping it, and say how it ended.

Ctrl-C while Lua runs: the session is interruptible (it runs in slices and checks between
them), and a SIGINT handler asks it to stop; it raises Interrupted at the next slice and keeps
its state (globals, heap) as it was. While the program waits in a read of the terminal, the
handler raises it there (Python would resume the read). A second Ctrl-C while the first has
not taken effect (one library call running very long) stops Python itself with
KeyboardInterrupt, caught here too.
Any other Python exception is a ferrous bug: reported as an internal error, the session lives on.
"""

from __future__ import annotations

import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from ferrous_repl.repl import typeahead
from vm.errors import Interrupted, LimitError, LoadError, LuaError
from vm.session import Session


@dataclass(frozen=True, slots=True)
class Returned:
    values: list
    seconds: float


@dataclass(frozen=True, slots=True)
class Failed:
    """A Lua error nothing caught: its value and the traceback."""

    value: object
    traceback: bytes | None


@dataclass(frozen=True, slots=True)
class SyntaxFailure:
    message: bytes


@dataclass(frozen=True, slots=True)
class Stopped:
    """Ended by Ctrl-C or by a limit of the session."""

    message: str
    by_ctrl_c: bool = False
    echoed: bool = False  # the terminal has echoed ^C on the current line
    report: bytes | None = None  # lua.c's report of an interrupt: "stdin:1: interrupted!", traceback


@dataclass(frozen=True, slots=True)
class Internal:
    """A Python exception from ferrous itself (a bug)."""

    summary: str
    details: str  # the Python traceback


Outcome = Returned | Failed | SyntaxFailure | Stopped | Internal


def call(session: Session, fn: object, args: list | None = None) -> Outcome:
    """Call a Lua value to completion, stoppable by Ctrl-C."""
    start = time.perf_counter()
    ctrl_c = _CtrlCInterrupts(session)
    try:
        with ctrl_c:
            values = session.call(fn, args or [])
    except LuaError as exc:
        return Failed(exc.value, exc.traceback)
    except Interrupted as exc:
        return Stopped("interrupted", ctrl_c.presses > 0, ctrl_c.echoed, exc.report)
    except LimitError as exc:
        return Stopped(exc.message)
    except KeyboardInterrupt:
        return Stopped("interrupted (forcibly, inside a library call)", True, ctrl_c.echoed)
    except Exception as exc:  # a bug in ferrous must not end the session
        return internal(exc)
    return Returned(values, time.perf_counter() - start)


def load(session: Session, source: bytes, chunkname: bytes) -> object | Outcome:
    """Compile a chunk into a function, or the outcome that says why not."""
    return _loading(lambda: session.load(source, chunkname))


def load_file(session: Session, path: str) -> object | Outcome:
    return _loading(lambda: session.load_file(path))


def _loading(loader: Callable[[], object]) -> object | Outcome:
    try:
        return loader()
    except LoadError as exc:
        return SyntaxFailure(exc.msg)
    except LuaError as exc:
        return Failed(exc.value, exc.traceback)
    except Exception as exc:
        return internal(exc)


def internal(exc: BaseException) -> Internal:
    return Internal(f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc)))


class _CtrlCInterrupts:
    """While active, SIGINT asks the session to stop (only in the main thread, where signal
    handlers live; elsewhere the caller must call session.interrupt() itself)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.previous: object = None
        self.presses = 0
        self.echoed = False  # whether the terminal showed a press as ^C

    def __enter__(self) -> None:
        self.session.interruptible = True
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._on_sigint)

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]

    def _on_sigint(self, signum: int, frame: object) -> None:
        self.presses += 1
        self.echoed = self.echoed or typeahead.echoes_ctrl_c()
        if self.presses > 1:
            raise KeyboardInterrupt
        self.session.interrupt()
        if typeahead.program_waits():  # in a read of the terminal: it ends now, not at Enter
            self.session.stop_if_interrupted()
