"""The debugged program's standard input: what io.read, io.lines and io.stdin read.

The bytes come from a stream the front end gives (a file, or the pipe ``ferrous debug prog.lua
< input.txt`` was started with), read as the program asks for them and kept: the program's
place in them is part of the state (the debugger's marks capture this object's fields, and the
io library's own buffer), so a replay of the run (going back, then forward again) reads the
same bytes again from what was kept, and an evaluation that changes the future does not lose
input the stream has already given.

When the program reads with no input at all, or reads on after the end of its input, the
debugger notes it (``Debugger.log_lines`` shows the note where it happened), so that a program
waiting for input it will never get says why ``io.read()`` gave nil: under the debugger the
terminal belongs to the debugger's keys.
"""

from __future__ import annotations

from typing import BinaryIO

NO_INPUT = ("io.read: the program has no input (give it one: ferrous debug --stdin FILE prog.lua, "
            "or < FILE); it reads end of file")
END_OF_INPUT = "io.read: end of the program's input"


class Fetched:
    """The bytes read from the source so far (shared by every point of the run's history)."""

    __slots__ = ("data", "ended")

    def __init__(self) -> None:
        self.data = bytearray()
        self.ended = False


class ProgramInput:
    """A binary stream for ``L.stdin`` reading ``source`` (None: no input). ``pos`` is where
    the program is in the input; ``ends`` counts its reads at the end of the input and
    ``end_offset`` is the program's output size at the one noted (see ``_told_at``)."""

    __slots__ = ("d", "source", "fetched", "pos", "ends", "end_offset")

    def __init__(self, d, source: BinaryIO | None) -> None:
        self.d = d
        self.source = source
        self.fetched = Fetched()
        self.pos = 0
        self.ends = 0
        self.end_offset = 0

    def read1(self, n: int = -1) -> bytes:
        f = self.fetched
        data = f.data
        pos = self.pos
        if pos >= len(data) and not f.ended:
            more = self._fetch(n)
            if more:
                data += more
            else:
                f.ended = True
        if n is None or n < 0:
            n = len(data) - pos
        chunk = bytes(data[pos:pos + n])
        self.pos = pos + len(chunk)
        if not chunk:
            self.ends += 1
            if self.ends == self._told_at():
                self.end_offset = self.d.output.size()
        return chunk

    read = read1

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        pass

    def note(self) -> str | None:
        """What to tell the user once the program has read past the end (None before)."""
        if self.ends < self._told_at():
            return None
        return NO_INPUT if self.source is None else END_OF_INPUT

    def _told_at(self) -> int:
        """The read at the end that gets a note: the first when there is no input at all;
        else the second (the first is how a reader such as io.lines learns the input ended;
        reading on after it is what a program waiting for more does)."""
        return 1 if self.source is None else 2

    def _fetch(self, n: int) -> bytes:
        src = self.source
        if src is None:
            return b""
        reader = getattr(src, "read1", None) or src.read
        try:
            return bytes(reader(n if n is not None and n >= 0 else -1) or b"")
        except (OSError, ValueError):
            return b""
