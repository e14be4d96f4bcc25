"""The encodings Redis 7.0 gives a key's value (OBJECT ENCODING), and the conversions that never
go back.

A value starts in the compact encoding its content allows (object.c, t_hash.c, t_set.c,
t_zset.c, at the default configuration) and Redis 7.0 converts it, in place and for good, when
it outgrows it:

- a hash is a ``listpack`` until it holds more than 512 fields or a field or value longer than
  64 bytes (checked on the arguments of HSET/HMSET/HSETNX before they are stored), then a
  ``hashtable``;
- a set is an ``intset`` while every member it was given is an integer and it has had at most
  512 of them, then a ``hashtable`` (SPOP with a count close to the size rebuilds the set);
- a sorted set is a ``listpack`` until more than 128 members or a member longer than 64 bytes,
  then a ``skiplist`` (SORT converts its source too); the results of ZUNIONSTORE, ZRANGESTORE,
  GEOSEARCHSTORE ... start as their content allows;
- a list is always a ``quicklist`` in 7.0;
- a string is ``int``, ``embstr`` (up to 44 bytes) or ``raw`` by its content when it is set, but
  APPEND to an existing string, SETRANGE, SETBIT, BITFIELD and BITOP leave it ``raw`` and
  INCRBYFLOAT stores ``embstr`` (never ``int``).

Deleting members never converts back: ``HSET h a <70 bytes>; HDEL h a`` stays a hashtable. The
order of an unsorted reply follows the encoding (an intset is sorted as numbers, a listpack in
insertion order, a hash table in the order of Redis's randomly seeded hash), so the embedded
keyspace must know it: ``EncodingMemory`` keeps, for each value object, the encoding its
content alone no longer tells.
"""

from __future__ import annotations

from collections.abc import Iterable

from vm.redis.commands import string2ll

HASH_MAX_LISTPACK_ENTRIES = 512
HASH_MAX_LISTPACK_VALUE = 64
SET_MAX_INTSET_ENTRIES = 512
ZSET_MAX_LISTPACK_ENTRIES = 128
ZSET_MAX_LISTPACK_VALUE = 64
EMBSTR_SIZE_LIMIT = 44

LISTPACK = b"listpack"
INTSET = b"intset"
HASHTABLE = b"hashtable"
SKIPLIST = b"skiplist"
QUICKLIST = b"quicklist"
INT = b"int"
EMBSTR = b"embstr"
RAW = b"raw"

# the encoding a container is converted to
CONVERTED = {"hash": HASHTABLE, "set": HASHTABLE, "zset": SKIPLIST}


def is_integer(member: bytes) -> bool:
    """isSdsRepresentableAsLongLong: a member an intset can hold."""
    return len(member) <= 20 and string2ll(member) is not None


def string_encoding(value: bytes) -> bytes:
    """tryObjectEncoding of a value just set: ``int``, ``embstr`` or ``raw``."""
    if len(value) <= 20 and string2ll(value) is not None:
        return INT
    return EMBSTR if len(value) <= EMBSTR_SIZE_LIMIT else RAW


def float_string_encoding(value: bytes) -> bytes:
    """createStringObjectFromLongDouble (INCRBYFLOAT's result): never ``int``."""
    return EMBSTR if len(value) <= EMBSTR_SIZE_LIMIT else RAW


def hash_fits(count: int, strings: Iterable[bytes]) -> bool:
    """A listpack can hold these fields and values (count fields)."""
    return count <= HASH_MAX_LISTPACK_ENTRIES and all(len(s) <= HASH_MAX_LISTPACK_VALUE for s in strings)


def set_fits(count: int, members: Iterable[bytes]) -> bool:
    """An intset can hold these members."""
    return count <= SET_MAX_INTSET_ENTRIES and all(is_integer(m) for m in members)


def zset_fits(count: int, members: Iterable[bytes]) -> bool:
    """A listpack can hold these sorted set members."""
    return count <= ZSET_MAX_LISTPACK_ENTRIES and all(len(m) <= ZSET_MAX_LISTPACK_VALUE for m in members)


def content_encoding(kind: str, count: int, strings: Iterable[bytes]) -> bytes:
    """The encoding a fresh value of this kind with this content has (strings: the one value;
    hashes: fields and values; sets and sorted sets: the members)."""
    if kind == "hash":
        return LISTPACK if hash_fits(count, strings) else HASHTABLE
    if kind == "set":
        return INTSET if set_fits(count, strings) else HASHTABLE
    if kind == "zset":
        return LISTPACK if zset_fits(count, strings) else SKIPLIST
    if kind == "list":
        return QUICKLIST
    if kind == "string":
        return string_encoding(next(iter(strings), b""))
    return kind.encode()


class EncodingMemory:
    """The encodings of value objects that their content does not tell (a container converted
    once, a string made raw), by the object's identity: the object is kept alive here, so its
    id is not reused while it is remembered. Renaming or moving a key keeps the object and so
    its encoding, as in Redis; ``prune`` drops the objects no key holds any more."""

    __slots__ = ("_known", "_pruned_at")

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}
        self._pruned_at = 0

    def get(self, value: object) -> bytes | None:
        entry = self._known.get(id(value))
        return entry[1] if entry is not None and entry[0] is value else None

    def remember(self, value: object, encoding: bytes) -> None:
        self._known[id(value)] = (value, encoding)

    def forget(self, value: object) -> None:
        self._known.pop(id(value), None)

    def needs_pruning(self) -> bool:
        return len(self._known) > 2 * self._pruned_at + 256

    def prune(self, live: Iterable[object]) -> None:
        """Keep only the entries of the values in ``live``."""
        keep = {id(v) for v in live}
        self._known = {i: e for i, e in self._known.items() if i in keep}
        self._pruned_at = len(self._known)

    def export(self, values: Iterable[tuple[object, object]]) -> dict[object, bytes]:
        """The remembered encodings of (name, value) pairs, by name (a snapshot)."""
        out = {}
        for name, value in values:
            enc = self.get(value)
            if enc is not None:
                out[name] = enc
        return out

    def reload(self, saved: dict[object, bytes], values: Iterable[tuple[object, object]]) -> None:
        """Forget everything, then remember ``saved`` (by name) for the named values (after a
        snapshot is restored into new objects)."""
        self._known = {}
        for name, value in values:
            enc = saved.get(name)
            if enc is not None:
                self.remember(value, enc)
        self._pruned_at = len(self._known)
