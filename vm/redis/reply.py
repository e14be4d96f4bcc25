"""Redis replies as Python values, one type per RESP2/RESP3 reply type.

- bulk string: ``bytes``; integer: ``int``; nil: ``None``; array: ``list``; boolean: ``bool``
  (test ``bool`` before ``int``: Python's True is an int); ``NULL_ARRAY``: RESP2's null array
  (``*-1``), which some commands answer for nothing (LPOP with a count, LMPOP, GEOPOS's missing
  member), nil like ``None`` everywhere else;
- ``Status``: a simple string (``+OK``); a ``bytes`` subclass, so code that only wants the text
  (redis-py's handshake) can read it as bytes, and ``type(x) is bytes`` tells a bulk string apart;
- ``ErrorReply``: an error (``-ERR ...``), ``text`` without the dash;
- RESP3 only: ``Double``, ``BigNumber``, ``Verbatim``, ``Map`` (ordered pairs), ``SetReply``.

The values a script's reply is built from are protocol-neutral: encoding them for a RESP2 or a
RESP3 client (``resp.encode``) applies Redis's downgrades (a map becomes a flat array, a double a
bulk string, a boolean an integer, nil ``$-1`` or ``_``).
"""

from __future__ import annotations

from dataclasses import dataclass


class Status(bytes):
    """A simple string reply (``+text``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Status({bytes(self)!r})"


class NullArray:
    """RESP2's null array (``*-1``); RESP3's null; false in Lua after RESP2, nil after RESP3."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NULL_ARRAY"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "NULL_ARRAY"  # one instance, also through copy and pickle


NULL_ARRAY = NullArray()


@dataclass(frozen=True, slots=True)
class ErrorReply:
    """An error reply; ``text`` is what follows the dash, e.g. ``b"ERR unknown command"``."""

    text: bytes


@dataclass(frozen=True, slots=True)
class Double:
    """A RESP3 double (``,1.5``)."""

    value: float


@dataclass(frozen=True, slots=True)
class BigNumber:
    """A RESP3 big number (``(1234...``): its digits as sent."""

    digits: bytes


@dataclass(frozen=True, slots=True)
class Verbatim:
    """A RESP3 verbatim string (``=``): a three-letter format (``txt``, ``mkd``) and the text."""

    format: bytes
    text: bytes


@dataclass(frozen=True, slots=True)
class Map:
    """A RESP3 map: key/value pairs in the order they were sent."""

    items: tuple[tuple[object, object], ...]


@dataclass(frozen=True, slots=True)
class SetReply:
    """A RESP3 set: its members in the order they were sent."""

    items: tuple[object, ...]
