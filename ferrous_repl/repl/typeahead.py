"""Keys typed while Lua runs: held for the next prompt, not echoed where the output goes.

Between two prompts the terminal is in canonical mode, as prompt_toolkit leaves it. A line
typed while an input runs (a fast typist, a paste without bracketed paste) was echoed there by
the terminal, among the program's output, and shown again by the next prompt, which reads it:
``y`` alone on a line, then ``> y``. So while input runs the terminal does not echo; the keys
wait in its queue for the next prompt. When the program itself reads standard input
(``io.read``, ``debug.debug``), echo is on for that read, as in ``lua5.1 -i``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import termios
except ImportError:  # not a POSIX terminal: nothing to hold
    termios = None  # type: ignore[assignment]


class QuietTerminal:
    """The terminal on ``fd`` while input runs: echo off, everything else as it was."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._echoing: list | None = None  # the settings to read with, while input runs

    @classmethod
    def of_stdin(cls) -> QuietTerminal | None:
        """For standard input when it is a terminal, else None."""
        try:
            fd = sys.stdin.fileno()
        except (AttributeError, OSError, ValueError):
            return None
        return cls(fd) if termios is not None and os.isatty(fd) else None

    def _get(self) -> list | None:
        try:
            return termios.tcgetattr(self.fd)
        except (OSError, termios.error):
            return None

    def _set(self, attrs: list) -> None:
        try:  # TCSANOW: the keys already typed stay in the queue
            termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        except (OSError, termios.error):
            pass

    @contextmanager
    def running(self) -> Iterator[None]:
        """Echo off for the block; the settings found are back after it, however it ends."""
        found = self._get()
        if found is None:
            yield
            return
        quiet = [list(x) if isinstance(x, list) else x for x in found]
        quiet[3] &= ~(termios.ECHO | termios.ECHONL)
        self._set(quiet)
        self._echoing = found
        try:
            yield
        finally:
            self._echoing = None
            self._set(found)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Echo on for a read by the program, while input runs; off again after it."""
        echoing = self._echoing
        quiet = self._get() if echoing is not None else None
        if quiet is None:
            yield
            return
        self._set(echoing)
        try:
            yield
        finally:
            self._set(quiet)


class EchoingInput:
    """Standard input for the program run at the prompt (``L.stdin``): each read with echo on."""

    def __init__(self, stream: object, terminal: QuietTerminal) -> None:
        self._stream = stream
        self._terminal = terminal

    def read1(self, n: int = -1) -> bytes:
        with self._terminal.reading():
            read1 = getattr(self._stream, "read1", None)
            return read1(n) if read1 is not None else self._stream.read(n)  # type: ignore[attr-defined]

    def read(self, n: int = -1) -> bytes:
        with self._terminal.reading():
            return self._stream.read(n)  # type: ignore[attr-defined]

    def readline(self, limit: int = -1) -> bytes:
        with self._terminal.reading():
            return self._stream.readline(limit)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):  # a copy made without __init__ has no _stream yet
            raise AttributeError(name)
        return getattr(self._stream, name)
