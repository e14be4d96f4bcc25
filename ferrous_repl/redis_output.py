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


_REPR_ESCAPES = {0x5C: b"\\\\", 0x22: b'\\"', 0x0A: b"\\n", 0x0D: b"\\r", 0x09: b"\\t",
                 0x07: b"\\a", 0x08: b"\\b"}


def repr_bytes(s: bytes) -> bytes:
    """sdscatrepr: double-quoted, with C escapes and \\xHH for unprintable bytes."""
    out = bytearray(b'"')
    for c in s:
        esc = _REPR_ESCAPES.get(c)
        if esc is not None:
            out += esc
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


def _walk(reply: object, leaf, sep, open_, close_) -> list:
    """The pieces of a RESP2 reply written depth-first without recursion (a script may return
    arrays nested thousands deep): ``leaf(v)`` for each value that is not an array, ``sep``
    between siblings, ``open_`` and ``close_`` around each array inside the reply."""
    parts: list = []
    stack = [iter([as_resp2(reply)])]
    first_in = [True]
    while stack:
        v = next(stack[-1], _END)
        if v is _END:
            stack.pop()
            first_in.pop()
            if stack:
                parts.append(close_)
            continue
        if not first_in[-1]:
            parts.append(sep)
        first_in[-1] = False
        if isinstance(v, list):
            parts.append(open_)
            stack.append(iter(v))
            first_in.append(True)
        else:
            parts.append(leaf(v))
    return parts


_END = object()


def _raw_leaf(v: object) -> bytes:
    if v.__class__ is ErrorReply:
        return v.text + b"\n"  # type: ignore[attr-defined]
    if v.__class__ is int:
        return b"%d" % v
    return b"" if v is None else bytes(v)  # type: ignore[arg-type]


def format_raw(reply: object) -> bytes:
    """cliFormatReplyRaw of a RESP2 reply (arrays flattened, one value per line), followed by
    redis-cli's command delimiter."""
    return b"".join(_walk(reply, _raw_leaf, b"\n", b"", b"")) + b"\n"


def _text(s: bytes) -> str:
    return s.decode("utf-8", "backslashreplace")


def _json_leaf(v: object) -> str:
    if v.__class__ is ErrorReply:
        return json.dumps({"error": _text(v.text)}, ensure_ascii=False)  # type: ignore[attr-defined]
    if v.__class__ is int:
        return str(v)
    if v is None:
        return "null"
    return json.dumps(_text(bytes(v)), ensure_ascii=False)  # type: ignore[arg-type]


def format_json(reply: object) -> bytes:
    """The reply as one line of JSON (json.dumps would recurse once per level)."""
    return ("".join(_walk(reply, _json_leaf, ", ", "[", "]")) + "\n").encode("utf-8")
