"""The stream Lua's print and io.write go to in the REPL: line-buffered like a terminal's
stdout, and remembering whether the output ended a line, so that the REPL can finish a line
that io.write left open before it shows anything itself."""

from __future__ import annotations

from typing import BinaryIO


class TrackingWriter:
    """Wraps a binary stream; flushes at each newline; knows if the last byte was a newline."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.at_line_start = True

    def write(self, data: bytes) -> int:
        if data:
            self.stream.write(data)
            self.at_line_start = data.endswith(b"\n")
            if b"\n" in data:
                self.stream.flush()
        return len(data)

    def flush(self) -> None:
        self.stream.flush()

    def seekable(self) -> bool:
        return False

    def finish_line(self) -> None:
        """End a line left open by Lua's output, and flush what is pending."""
        if not self.at_line_start:
            self.write(b"\n")
        self.stream.flush()
