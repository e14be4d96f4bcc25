"""Keys typed while Lua runs or between two prompts: held for the next prompt, not echoed
where the output goes, Ctrl-C a key of the prompt except while input runs.

At its prompt, prompt_toolkit sets the terminal raw and gives back, when the prompt returns, the
settings it found. Between two prompts the terminal was in canonical mode with echo on, the
settings of the shell: a line typed while an input ran (a fast typist, a paste without bracketed
paste) was echoed there by the terminal, among the program's output, and shown again by the next
prompt, which reads it (``y`` alone on a line, then ``> y``); so was a line typed in the moment
after a run, before the next prompt took the terminal; and Ctrl-C in that moment raised
KeyboardInterrupt wherever the REPL was (in asyncio's start-up: "Exception ignored ..." on the
screen). So while the REPL lives, the terminal between its prompts does not echo and reads keys
one by one (no line editing, no 4 KB line limit); Ctrl-C is a key there (the next prompt reads
it: the input is dropped) except while input runs, where it stops the run; a paste there comes
marked as one (bracketed paste), for the next prompt to insert at once. When the program
itself reads standard input (``io.read``, ``debug.debug``), the settings found at the start are
back for that read (echo on, as in ``lua5.1 -i``: program_input.py). They are back for good
when the REPL ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

try:
    import termios
except ImportError:  # not a POSIX terminal: nothing to hold
    termios = None  # type: ignore[assignment]


def echoes_ctrl_c() -> bool:
    """Whether standard input is a terminal that shows Ctrl-C as ``^C`` now: not while input
    runs (echo off, below), only while the program reads (or without this module's care)."""
    if termios is None:
        return False
    try:
        fd = sys.stdin.fileno()
        if not os.isatty(fd):
            return False
        lflag = termios.tcgetattr(fd)[3]
    except (AttributeError, OSError, ValueError, termios.error):
        return False
    return bool(lflag & termios.ECHO) and bool(lflag & termios.ECHOCTL)


_waiting = False  # the program waits in a read of the terminal (waiting())


def waiting(read: Callable[[], bytes]) -> bytes:
    """``read()``, a read of the terminal by the program, marked as waiting: Ctrl-C then ends
    the run at once (evaluate.py), where Python would resume the read after its handler."""
    global _waiting
    _waiting = True
    try:
        return read()
    finally:
        _waiting = False


def program_waits() -> bool:
    """Whether the program waits in a read of the terminal now (for the SIGINT handler)."""
    return _waiting


# bracketed paste, as prompt_toolkit asks for it at each of its prompts
PASTE_ON = b"\x1b[?2004h"
PASTE_OFF = b"\x1b[?2004l"


class QuietTerminal:
    """The terminal on ``fd`` between the REPL's prompts: no echo, no line discipline; Ctrl-C
    a signal only while input runs. ``original``: the settings to read with and to end with."""

    def __init__(self, fd: int, original: list, out_fd: int | None = None) -> None:
        self.fd = fd
        self.original = original
        self.out_fd = out_fd  # the terminal's output, for bracketed paste (None: leave it)
        self._running = False

    @classmethod
    def of_stdin(cls, original: list | None = None) -> QuietTerminal | None:
        """For standard input when it is a terminal, else None; ``original``: its settings when
        they are not the current ones (the early prompt has set it raw: early.py)."""
        try:
            fd = sys.stdin.fileno()
            if termios is None or not os.isatty(fd):
                return None
            out = sys.stdout.fileno()
            return cls(fd, original if original is not None else termios.tcgetattr(fd),
                       out if os.isatty(out) else None)
        except (AttributeError, OSError, ValueError, termios.error):
            return None

    def _quiet(self, signals: bool) -> list:
        attrs = [list(x) if isinstance(x, list) else x for x in self.original]
        attrs[3] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.IEXTEN)
        if not signals:
            attrs[3] &= ~termios.ISIG
        attrs[6][termios.VMIN], attrs[6][termios.VTIME] = 1, 0
        return attrs

    def _set(self, attrs: list) -> None:
        try:  # TCSANOW: the keys already typed stay in the queue
            termios.tcsetattr(self.fd, termios.TCSANOW, attrs)
        except (OSError, termios.error):
            pass

    def _paste(self, on: bool) -> None:
        """Bracketed paste on or off: on, text pasted while no prompt reads arrives marked as
        one paste, which the next prompt inserts at once (unmarked, it inserted a 6 KB paste
        key by key, for minutes); off for the program's own reads."""
        if self.out_fd is not None:
            try:
                os.write(self.out_fd, PASTE_ON if on else PASTE_OFF)
            except OSError:
                pass

    def echo(self, data: bytes) -> None:
        """Show ``data`` where the terminal echoes (the keys typed ahead, as it would have)."""
        if data and self.out_fd is not None:
            try:
                os.write(self.out_fd, data)
            except OSError:
                pass

    def echoes(self) -> bool:
        """Whether the program's reads are echoed (the settings found at the start echo)."""
        return bool(self.original[3] & termios.ECHO)

    def between(self) -> None:
        """Quiet, Ctrl-C a key: from the end of one prompt to the next (which keeps these
        settings and gives them back when it returns)."""
        self._set(self._quiet(signals=False))
        self._paste(True)

    def restore(self) -> None:
        """The settings found at the start, for good."""
        self._set(self.original)
        self._paste(False)

    @contextmanager
    def running(self) -> Iterator[None]:
        """Quiet, Ctrl-C a signal (it stops the run), for the block; then quiet until the next
        prompt, however the block ends."""
        self._set(self._quiet(signals=True))
        self._paste(True)
        self._running = True
        try:
            yield
        finally:
            self._running = False
            self.between()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The settings found at the start, for a read by the program while input runs."""
        if not self._running:
            yield
            return
        self._set(self.original)
        self._paste(False)
        try:
            yield
        finally:
            self._set(self._quiet(signals=True))
            self._paste(True)
