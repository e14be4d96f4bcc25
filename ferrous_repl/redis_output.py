"""Redis replies printed as redis-cli prints them (redis-cli.c's cliFormatReplyTTY and
cliFormatReplyRaw), and as JSON.

Replies are shown as a RESP2 client receives them (redis-cli speaks RESP2 by default): RESP3
values are first downgraded the way Redis writes them to such a client (a map becomes a flat
array, a double a bulk string, a boolean an integer).

- ``tty``: what redis-cli prints on a terminal (or with ``--no-raw``): ``(integer) 1``,
  ``"quoted\\n"`` strings, ``(nil)``, ``(error) ERR ...``, numbered nested arrays;
- ``raw``: what it prints when its output is not a terminal (or with ``--raw``): bare values,
  one per line, arrays flattened;
- ``json``: integer -> number, bulk or status -> string, nil -> null, array -> list,
  error -> ``{"error": "<text>"}``. Bytes that are not UTF-8 are written as ``\\xHH`` escapes.
"""

from __future__ import annotations

import json

from vm.redis.reply import ErrorReply, Status
from vm.redis.resp import decode, encode


def as_resp2(reply: object) -> object:
    """The reply as a RESP2 client reads it."""
    return decode(encode(reply, 2))


def repr_bytes(s: bytes) -> bytes:
    """sdscatrepr: double-quoted, with C escapes and \\xHH for unprintable bytes."""
    out = bytearray(b'"')
    for c in s:
        if c == 0x5C:
            out += b"\\\\"
        elif c == 0x22:
            out += b'\\"'
        elif c == 0x0A:
            out += b"\\n"
        elif c == 0x0D:
            out += b"\\r"
        elif c == 0x09:
            out += b"\\t"
        elif c == 0x07:
            out += b"\\a"
        elif c == 0x08:
            out += b"\\b"
        elif 0x20 <= c <= 0x7E:
            out.append(c)
        else:
            out += b"\\x%02x" % c
    out += b'"'
    return bytes(out)


def _tty_scalar(v: object) -> bytes | None:
    if v.__class__ is ErrorReply:
        return b"(error) %s\n" % v.text  # type: ignore[attr-defined]
    if v.__class__ is Status:
        return bytes(v) + b"\n"  # type: ignore[arg-type]
    if v.__class__ is int:
        return b"(integer) %d\n" % v
    if v.__class__ is bytes:
        return repr_bytes(v) + b"\n"  # type: ignore[arg-type]
    if v is None:
        return b"(nil)\n"
    if isinstance(v, list) and not v:
        return b"(empty array)\n"
    return None


def format_tty(reply: object) -> bytes:
    """cliFormatReplyTTY of a RESP2 reply. Iterative: a script may return arrays nested
    thousands deep."""
    out: list[bytes] = []
    # frames: (elements, next index, prefix of the elements' lines, index width)
    root = as_resp2(reply)
    first = _tty_scalar(root)
    if first is not None:
        return first
    frames: list[list] = [[root, 0, b"", 0]]
    while frames:
        f = frames[-1]
        elements, i, prefix, _ = f
        if i == len(elements):
            frames.pop()
            continue
        f[1] = i + 1
        width = len(str(len(elements)))
        out.append((b"" if i == 0 else prefix) + b"%*d) " % (width, i + 1))
        child = elements[i]
        text = _tty_scalar(child)
        if text is not None:
            out.append(text)
        else:
            frames.append([child, 0, prefix + b" " * (width + 2), 0])
    return b"".join(out)


def format_raw(reply: object) -> bytes:
    """cliFormatReplyRaw of a RESP2 reply, followed by redis-cli's command delimiter."""
    parts: list[bytes] = []
    stack = [iter([as_resp2(reply)])]
    first_in = [True]
    while stack:
        v = next(stack[-1], _END)
        if v is _END:
            stack.pop()
            first_in.pop()
            continue
        if not first_in[-1]:
            parts.append(b"\n")
        first_in[-1] = False
        if isinstance(v, list):
            stack.append(iter(v))
            first_in.append(True)
        elif v.__class__ is ErrorReply:
            parts.append(v.text + b"\n")  # type: ignore[attr-defined]
        elif v.__class__ is int:
            parts.append(b"%d" % v)
        elif v is not None:
            parts.append(bytes(v))  # type: ignore[arg-type]
    return b"".join(parts) + b"\n"


_END = object()


def _text(s: bytes) -> str:
    return s.decode("utf-8", "backslashreplace")


def format_json(reply: object) -> bytes:
    """The reply as one line of JSON. Written iteratively (json.dumps recurses per level)."""
    parts: list[str] = []
    stack: list = [iter([as_resp2(reply)])]
    first_in = [True]
    while stack:
        v = next(stack[-1], _END)
        if v is _END:
            stack.pop()
            first_in.pop()
            if stack:
                parts.append("]")
            continue
        if not first_in[-1]:
            parts.append(", ")
        first_in[-1] = False
        if isinstance(v, list):
            parts.append("[")
            stack.append(iter(v))
            first_in.append(True)
        elif v.__class__ is ErrorReply:
            parts.append(json.dumps({"error": _text(v.text)}, ensure_ascii=False))  # type: ignore[attr-defined]
        elif v.__class__ is int:
            parts.append(str(v))
        elif v is None:
            parts.append("null")
        else:
            parts.append(json.dumps(_text(bytes(v)), ensure_ascii=False))  # type: ignore[arg-type]
    return ("".join(parts) + "\n").encode("utf-8")
