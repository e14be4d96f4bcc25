"""The Redis wire protocol (RESP2 and RESP3): encoding reply values, parsing replies, packing
commands.

``encode(reply, proto)`` writes a reply as Redis writes it to a client speaking ``proto`` (2 or 3),
with Redis's RESP2 downgrades of RESP3 types (networking.c's addReplyDouble, addReplyBool,
addReplyNull, setDeferredMapLen ...). ``parse_reply(readline, read)`` reads one reply from a
stream given two primitives: ``readline()`` returns the next line without its CRLF, ``read(n)``
returns the next n bytes and consumes the CRLF after them (redis-py's SocketBuffer has both).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from vm.redis.reply import NULL_ARRAY, BigNumber, Double, ErrorReply, Map, SetReply, Status, Verbatim


class ProtocolError(Exception):
    """The bytes read are not RESP."""


def format_double(x: float) -> bytes:
    """printf("%.17g") as glibc writes it: ``inf``, ``-inf``, ``nan`` and ``-nan`` (the sign of a
    NaN is kept), otherwise the exact 17-digit form."""
    if x != x:
        return b"-nan" if math.copysign(1.0, x) < 0 else b"nan"
    return b"%.17g" % x


def _bulk(data: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(data), data)


def _scalar(v: object, proto: int) -> bytes | None:
    """The encoding of a non-aggregate reply, or None for an aggregate."""
    cls = v.__class__
    if cls is bytes:
        return _bulk(v)  # type: ignore[arg-type]
    if cls is Status:
        return b"+%s\r\n" % v
    if v is None:
        return b"$-1\r\n" if proto == 2 else b"_\r\n"
    if v is NULL_ARRAY:
        return b"*-1\r\n" if proto == 2 else b"_\r\n"
    if cls is bool:
        if proto == 2:
            return b":1\r\n" if v else b":0\r\n"
        return b"#t\r\n" if v else b"#f\r\n"
    if cls is int:
        return b":%d\r\n" % v
    if cls is ErrorReply:
        return b"-%s\r\n" % v.text  # type: ignore[attr-defined]
    if cls is Double:
        d = v.value  # type: ignore[attr-defined]
        text = format_double(d)
        return _bulk(text) if proto == 2 else b",%s\r\n" % text
    if cls is BigNumber:
        digits = v.digits  # type: ignore[attr-defined]
        return _bulk(digits) if proto == 2 else b"(%s\r\n" % digits
    if cls is Verbatim:
        text = v.text  # type: ignore[attr-defined]
        if proto == 2:
            return _bulk(text)
        fmt = (v.format[:3] + b"   ")[:3]  # type: ignore[attr-defined]
        return b"=%d\r\n%s:%s\r\n" % (len(text) + 4, fmt, text)
    return None


def _children(v: object, proto: int) -> tuple[bytes, list]:
    """The header of an aggregate reply and its elements in wire order."""
    cls = v.__class__
    if cls is Map:
        flat = [x for pair in v.items for x in pair]  # type: ignore[attr-defined]
        if proto == 2:
            return b"*%d\r\n" % len(flat), flat
        return b"%%%d\r\n" % len(v.items), flat  # type: ignore[attr-defined]
    if cls is SetReply:
        items = list(v.items)  # type: ignore[attr-defined]
        return (b"*%d\r\n" if proto == 2 else b"~%d\r\n") % len(items), items
    if cls is list:
        return b"*%d\r\n" % len(v), v  # type: ignore[arg-type]
    raise TypeError(f"not a reply value: {v!r}")


def encode(reply: object, proto: int = 2) -> bytes:
    """The bytes Redis sends for ``reply`` to a client speaking RESP ``proto``. Iterative: a
    script may return arrays nested thousands deep."""
    out: list[bytes] = []
    stack = [iter([reply])]
    while stack:
        v = next(stack[-1], _END)
        if v is _END:
            stack.pop()
            continue
        s = _scalar(v, proto)
        if s is not None:
            out.append(s)
            continue
        header, elements = _children(v, proto)
        out.append(header)
        stack.append(iter(elements))
    return b"".join(out)


_END = object()


def pack_command(argv: list[bytes]) -> bytes:
    """A command as a RESP array of bulk strings."""
    return b"*%d\r\n" % len(argv) + b"".join(_bulk(a) for a in argv)


def _parse_double(text: bytes) -> float:
    try:
        return float(text)
    except ValueError:
        raise ProtocolError(f"bad double {text!r}") from None


def _scalar_or_header(line: bytes, read: Callable[[int], bytes]) -> tuple[object, bytes, int]:
    """One reply line: (value, b"", 0) for a complete value, or (None, kind, n) for the header
    of an aggregate of n elements (2n for a map, 2n + 1 for an attribute)."""
    if not line:
        raise ProtocolError("empty line")
    kind, rest = line[:1], line[1:]
    if kind == b"+":
        return Status(rest), b"", 0
    if kind == b"-":
        return ErrorReply(rest), b"", 0
    if kind == b":":
        return int(rest), b"", 0
    if kind == b"$" or kind == b"!" or kind == b"=":
        n = int(rest)
        if n < 0:
            return None, b"", 0
        data = read(n)
        if kind == b"!":
            return ErrorReply(data), b"", 0
        if kind == b"=":
            return Verbatim(data[:3], data[4:]), b"", 0
        return data, b"", 0
    if kind in (b"*", b">", b"~", b"%", b"|"):
        n = int(rest)
        if n < 0:
            return None, b"", 0
        return None, kind, 2 * n + 1 if kind == b"|" else 2 * n if kind == b"%" else n
    if kind == b"_":
        return None, b"", 0
    if kind == b"#":
        return rest == b"t", b"", 0
    if kind == b",":
        return Double(_parse_double(rest)), b"", 0
    if kind == b"(":
        return BigNumber(rest), b"", 0
    raise ProtocolError(f"unknown reply type {line[:20]!r}")


def _aggregate(kind: bytes, items: list) -> object:
    if kind == b"~":
        return SetReply(tuple(items))
    if kind == b"%":
        return Map(tuple(zip(items[0::2], items[1::2], strict=True)))
    if kind == b"|":  # an attribute: its pairs are dropped, the value after them is the reply
        return items[-1]
    return items


def parse_reply(readline: Callable[[], bytes], read: Callable[[int], bytes]) -> object:
    """Read one reply (RESP2 or RESP3) as reply values. Attributes (``|``) are read and dropped,
    as Redis drops them before a script sees the reply; pushes (``>``) read as arrays.
    Iterative: a reply may nest thousands deep."""
    stack: list[tuple[bytes, int, list]] = []  # open aggregates: kind, size, elements so far
    while True:
        value, kind, n = _scalar_or_header(readline(), read)
        if kind and n > 0:
            stack.append((kind, n, []))
            continue
        if kind:
            value = _aggregate(kind, [])
        while stack:
            kind, n, items = stack[-1]
            items.append(value)
            if len(items) < n:
                break
            stack.pop()
            value = _aggregate(kind, items)
        else:
            return value


class BytesReader:
    """readline/read over a bytes buffer, for parsing replies held in memory."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def readline(self) -> bytes:
        end = self.data.find(b"\r\n", self.pos)
        if end < 0:
            raise ProtocolError("truncated reply")
        line = self.data[self.pos:end]
        self.pos = end + 2
        return line

    def read(self, n: int) -> bytes:
        end = self.pos + n
        if end + 2 > len(self.data):
            raise ProtocolError("truncated reply")
        chunk = self.data[self.pos:end]
        self.pos = end + 2
        return chunk


def decode(data: bytes) -> object:
    """One reply from its bytes."""
    r = BytesReader(data)
    return parse_reply(r.readline, r.read)
