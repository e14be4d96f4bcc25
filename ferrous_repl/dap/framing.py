"""DAP's wire format: each message is a header block (``Content-Length: N`` and optional other
fields, each line ending in CRLF, the block ending with an empty line) followed by N bytes of
UTF-8 JSON.

``MessageReader`` is fed bytes as they arrive (any split: inside a header, inside a multi-byte
character, several messages at once) and hands back whole messages. Bad input never stops it:
each malformed message comes back as a ``Malformed`` record saying what was wrong, and the
reader resynchronises on the next ``Content-Length`` header it can find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

SEPARATOR = b"\r\n\r\n"
LENGTH = b"content-length"
MAX_HEADER = 16 * 1024  # a header block longer than this without its empty line is garbage
MAX_BODY = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Malformed:
    """Input that is not a DAP message, with the reason; ``seq`` and ``command`` when the body
    was JSON enough to tell them (so that the error response can name the request)."""

    reason: str
    seq: int = 0
    command: str = ""


def encode(message: dict) -> bytes:
    """A message as it goes on the wire."""
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


class MessageReader:
    """Incremental parser: ``feed(data)`` returns the messages (dicts) and ``Malformed``
    records completed by ``data``, in order."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._length: int | None = None  # the body length once a header block has been read

    @property
    def pending(self) -> int:
        """Bytes held for a message not yet complete."""
        return len(self._buffer)

    def feed(self, data: bytes) -> list[dict | Malformed]:
        self._buffer += data
        out: list[dict | Malformed] = []
        while True:
            if self._length is None:
                if not self._header(out):
                    return out
                continue
            if len(self._buffer) < self._length:
                return out
            body = bytes(self._buffer[:self._length])
            del self._buffer[:self._length]
            self._length = None
            out.append(self._decode(body))

    def _header(self, out: list) -> bool:
        """Read one header block; False when more bytes are needed."""
        buf = self._buffer
        end = buf.find(SEPARATOR)
        if end < 0:
            if len(buf) > MAX_HEADER:
                out.append(Malformed(f"no end of header in {len(buf)} bytes"))
                self._resync(len(buf))
            return False
        block = bytes(buf[:end])
        start = _last_header_start(block)
        if start > 0:  # garbage before a header (the tail of a message cut short): skip it
            out.append(Malformed(f"unexpected bytes before a header: {_excerpt(block[:start])}"))
            del buf[:start]
            return True
        del buf[:end + len(SEPARATOR)]
        length: int | None = None
        for line in block.split(b"\r\n"):
            name, colon, value = line.partition(b":")
            if not colon:
                out.append(Malformed(f"bad header line {_excerpt(line)}"))
                return True
            if name.strip().lower() == LENGTH:
                text = value.strip()
                if not text.isdigit():
                    out.append(Malformed(f"bad Content-Length {_excerpt(text)}"))
                    return True
                length = int(text)
        if length is None:
            out.append(Malformed("a header without Content-Length"))
            return True
        if length > MAX_BODY:
            out.append(Malformed(f"Content-Length {length} is too large"))
            return True
        self._length = length
        return True

    def _resync(self, upto: int) -> None:
        """Drop bytes up to ``upto``, keeping a ``Content-Length`` header that starts there."""
        i = self._buffer.lower().find(LENGTH + b":", 1)
        del self._buffer[:i if 0 < i < upto else upto]

    def _decode(self, body: bytes) -> dict | Malformed:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Malformed(f"the body is not UTF-8 ({exc.reason} at byte {exc.start})")
        try:
            message = json.loads(text)
        except json.JSONDecodeError as exc:
            # a Content-Length longer than the body swallows the next message: give it back
            i = body.lower().find(LENGTH + b":")
            if i > 0:
                self._buffer[:0] = body[i:]
            return Malformed(f"the body is not JSON ({exc.msg} at character {exc.pos})")
        if not isinstance(message, dict):
            return Malformed(f"the body is a JSON {type(message).__name__}, not an object")
        seq = message.get("seq")
        command = message.get("command")
        seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else 0
        command = command if isinstance(command, str) else ""
        kind = message.get("type")
        if kind not in ("request", "response", "event"):
            return Malformed(f"'type' must be request, response or event (got {kind!r})", seq, command)
        if kind == "request" and not command:
            return Malformed("a request without a 'command'", seq)
        return message


def _last_header_start(block: bytes) -> int:
    """Where the header in a block starts: at the last ``Content-Length`` that follows bytes
    which are not header lines (0 when the block is a plain header)."""
    lower = block.lower()
    i = lower.rfind(LENGTH + b":")
    if i <= 0:
        return 0
    before = block[:i]
    if before.endswith(b"\r\n") and all(b":" in line for line in before[:-2].split(b"\r\n")):
        return 0  # other header fields first: a plain header
    return i


def _excerpt(data: bytes) -> str:
    text = data[:40].decode("utf-8", "backslashreplace")
    return repr(text + ("..." if len(data) > 40 else ""))
