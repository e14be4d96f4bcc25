"""The reference side of the differential tests: a real redis-server spoken to over a plain
socket, each reply kept as the exact bytes the server sent.

Deliberately independent of vm.redis (its own framing, no parsing into values): what our engine
answers is encoded to RESP and compared byte for byte with these replies.
"""

from __future__ import annotations

import socket
from urllib.parse import urlparse


class RawRedis:
    """One connection to the reference server; ``command`` returns a reply's raw bytes."""

    def __init__(self, url: str) -> None:
        u = urlparse(url)
        self.sock = socket.create_connection((u.hostname or "127.0.0.1", u.port or 6379))
        self.buf = b""
        db = (u.path or "/0").lstrip("/") or "0"
        assert self.command("SELECT", db) == b"+OK\r\n"

    def close(self) -> None:
        self.sock.close()

    def command(self, *argv: str | bytes) -> bytes:
        parts = [a.encode("latin-1") if isinstance(a, str) else a for a in argv]
        packed = b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)
        self.sock.sendall(packed)
        return self._reply()

    def _fill(self, n: int) -> None:
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            assert chunk, "the reference server closed the connection"
            self.buf += chunk

    def _line(self, pos: int) -> int:
        """The position after the CRLF of the line starting at pos."""
        while True:
            end = self.buf.find(b"\r\n", pos)
            if end >= 0:
                return end + 2
            self._fill(len(self.buf) + 1)

    def _skip(self, pos: int) -> int:
        """The position after the complete reply starting at pos (iterative)."""
        todo = 1
        while todo:
            todo -= 1
            end = self._line(pos)
            kind, head = self.buf[pos:pos + 1], self.buf[pos + 1:end - 2]
            pos = end
            if kind in (b"$", b"!", b"="):
                n = int(head)
                if n >= 0:
                    self._fill(pos + n + 2)
                    pos += n + 2
            elif kind in (b"*", b"~", b">"):
                todo += max(int(head), 0)
            elif kind == b"%":
                todo += 2 * int(head)
            elif kind == b"|":
                todo += 2 * int(head) + 1
        return pos

    def _reply(self) -> bytes:
        end = self._skip(0)
        reply, self.buf = self.buf[:end], self.buf[end:]
        return reply
