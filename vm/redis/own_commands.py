"""The commands the embedded keyspace answers itself, where fakeredis and Redis 7.0 part ways.
Each works through ``execute`` (one fakeredis command at a time), so the data stays fakeredis's:

- INCRBYFLOAT and HINCRBYFLOAT: long double arithmetic and ``%.17Lf`` formatting (``longdouble``),
  with Redis's refusals (``value is NaN or Infinity``, ``hash value is not a float``);
- OBJECT and MEMORY USAGE (``objects``);
- SSCAN of an intset: the whole set at once, sorted as numbers, cursor 0 (small encodings are
  scanned in one go);
- ``set_order``: the members of a set reply in Redis's order for an intset (at most 512 integer
  members: sorted as numbers) and otherwise sorted as bytes, so that no run depends on Python's
  hash seed (Redis's own hash table order is seeded at random).
"""

from __future__ import annotations

from collections.abc import Callable

from vm.redis import longdouble
from vm.redis.commands import string2ll
from vm.redis.glob import string_match
from vm.redis.objects import memory_usage, object_command
from vm.redis.reply import ErrorReply

Execute = Callable[[list[bytes]], object]

WRONGTYPE = ErrorReply(b"WRONGTYPE Operation against a key holding the wrong kind of value")
NOT_FLOAT = ErrorReply(b"ERR value is not a valid float")
NAN_OR_INF = ErrorReply(b"ERR increment would produce NaN or Infinity")
INTSET_MAX = 512


def _type(execute: Execute, key: bytes) -> bytes:
    kind = execute([b"TYPE", key])
    return bytes(kind) if isinstance(kind, bytes) else b"none"


def incrbyfloat(execute: Execute, argv: list[bytes]) -> object:
    """INCRBYFLOAT key increment (t_string.c): the key's type, its value, the increment, in that
    order; the new value keeps the key's time to live."""
    key = argv[1]
    kind = _type(execute, key)
    if kind not in (b"none", b"string"):
        return WRONGTYPE
    current = execute([b"GET", key]) if kind == b"string" else None
    value = longdouble.parse(current) if isinstance(current, bytes) else longdouble.from_int(0)
    incr = longdouble.parse(argv[2])
    if value is None or incr is None:
        return NOT_FLOAT
    total = longdouble.add(value, incr)
    if not longdouble.is_finite(total):
        return NAN_OR_INF
    text = longdouble.human(total)  # type: ignore[arg-type]
    done = execute([b"SET", key, text, b"KEEPTTL"] if kind == b"string" else [b"SET", key, text])
    return done if isinstance(done, ErrorReply) else text


def hincrbyfloat(execute: Execute, argv: list[bytes]) -> object:
    """HINCRBYFLOAT key field increment (t_hash.c): the increment is checked first."""
    key, field = argv[1], argv[2]
    incr = longdouble.parse(argv[3])
    if incr is None:
        return NOT_FLOAT
    if not longdouble.is_finite(incr):
        return ErrorReply(b"ERR value is NaN or Infinity")
    kind = _type(execute, key)
    if kind not in (b"none", b"hash"):
        return WRONGTYPE
    current = execute([b"HGET", key, field]) if kind == b"hash" else None
    if isinstance(current, bytes):
        value = longdouble.parse(current)
        if value is None:
            return ErrorReply(b"ERR hash value is not a float")
    else:
        value = longdouble.from_int(0)
    total = longdouble.add(value, incr)
    if not longdouble.is_finite(total):
        return NAN_OR_INF
    text = longdouble.human(total)  # type: ignore[arg-type]
    done = execute([b"HSET", key, field, text])
    return done if isinstance(done, ErrorReply) else text


def _intset(members: list) -> list[int] | None:
    """The members as numbers when the set would be an intset in Redis, else None."""
    if len(members) > INTSET_MAX:
        return None
    out = []
    for m in members:
        v = string2ll(m) if isinstance(m, bytes) else None
        if v is None:
            return None
        out.append(v)
    return out


def set_order(members: list) -> list:
    """Set members in Redis's order for an intset, else in bytes order."""
    numbers = _intset(members)
    if numbers is not None:
        return [m for _, m in sorted(zip(numbers, members, strict=True))]
    return sorted(members, key=lambda m: bytes(m) if isinstance(m, bytes) else b"")


def sscan(execute: Execute, argv: list[bytes]) -> object:
    """SSCAN: an intset is returned whole (sorted, MATCH applied, cursor 0); any other set is
    fakeredis's scan."""
    if _type(execute, argv[1]) == b"set":
        members = execute([b"SMEMBERS", argv[1]])
        if isinstance(members, list) and _intset(members) is not None:
            opts = argv[3:]
            pattern = None
            for i in range(0, len(opts) - 1, 2):
                if opts[i].lower() == b"match":
                    pattern = opts[i + 1]
            if len(opts) % 2 == 0 and string2ll(argv[2]) is not None:
                found = [m for m in set_order(members) if pattern is None or string_match(pattern, m)]
                return [b"0", found]
    return UNHANDLED


UNHANDLED = object()  # what a handler answers for a case it leaves to fakeredis

_OWN: dict[bytes, Callable[[Execute, list[bytes]], object]] = {
    b"incrbyfloat": incrbyfloat,
    b"hincrbyfloat": hincrbyfloat,
    b"object": object_command,
    b"memory": lambda execute, argv: memory_usage(execute, argv) if argv[1].lower() == b"usage"
    else UNHANDLED,
    b"sscan": sscan,
}


def own_command(argv: list[bytes]) -> Callable[[Execute, list[bytes]], object] | None:
    """Our implementation of the command argv names, when there is one (it may still answer
    UNHANDLED for a case it leaves to fakeredis)."""
    return _OWN.get(argv[0].lower()) if len(argv) >= 2 else None
