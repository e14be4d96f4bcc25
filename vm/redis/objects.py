"""OBJECT ENCODING/REFCOUNT/IDLETIME/FREQ/HELP and MEMORY USAGE for the embedded keyspace,
answered by Redis 7.0's rules (object.c's objectComputeSize, the encodings' thresholds at their
default configuration) from what the key holds.

Encodings: a string is ``int`` (a 64-bit integer in canonical form, up to 20 characters),
``embstr`` (up to 44 bytes) or ``raw``; a list is a ``quicklist``; a set an ``intset`` (at most
512 members, all integers) or a ``hashtable``; a hash a ``listpack`` (at most 512 fields, fields
and values of at most 64 bytes) or a ``hashtable``; a sorted set a ``listpack`` (128 members of
64 bytes at most) or a ``skiplist``; a stream a ``stream``. Sizes are objectComputeSize's sums of
jemalloc's allocation sizes (listpack and intset bytes computed as those formats lay them out),
so they are Redis's own figures for the common shapes; what Redis cannot know either (a value
grown by APPEND, a hash table after deletions, skiplist node levels, a stream's radix tree) is
estimated. The encoding itself comes from the keyspace (``EmbeddedKeyspace.encoding``: the
content's, or the one a one-way conversion left, see ``encodings``).
"""

from __future__ import annotations

from collections.abc import Callable

from vm.redis.commands import string2ll
from vm.redis.reply import ErrorReply, Status

Execute = Callable[[list[bytes]], object]
EncodingOf = Callable[[bytes], "bytes | None"]

ROBJ = 16  # sizeof(robj)
DICT = 56  # sizeof(dict)
DICT_ENTRY = 24  # sizeof(dictEntry)
QUICKLIST = 40
QUICKLIST_NODE = 40
LISTPACK_MAX_NODE_BYTES = 8192  # list-max-listpack-size -2
SAMPLES = 5  # OBJ_COMPUTE_SIZE_DEF_SAMPLES
SHARED_INTEGERS = 10000
SHARED_REFCOUNT = 2147483647

OBJECT_HELP = (
    b"ENCODING <key>",
    b"    Return the kind of internal representation used in order to store the value",
    b"    associated with a <key>.",
    b"FREQ <key>",
    b"    Return the access frequency index of the <key>. The returned integer is",
    b"    proportional to the logarithm of the recent access frequency of the key.",
    b"IDLETIME <key>",
    b"    Return the idle time of the <key>, that is the approximated number of",
    b"    seconds elapsed since the last access to the key.",
    b"REFCOUNT <key>",
    b"    Return the number of references of the value associated with the specified",
    b"    <key>.",
)
NO_LFU = (b"ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
          b"that when switching between policies at runtime LRU and LFU data will take some time "
          b"to adjust.")


def usable(n: int) -> int:
    """jemalloc's allocation size for a request of n bytes (its size classes)."""
    if n <= 8:
        return 8
    if n <= 128:
        return (n + 15) // 16 * 16
    k = (n - 1).bit_length() - 1
    spacing = 1 << (k - 2)
    return (n + spacing - 1) // spacing * spacing


def sds_size(length: int) -> int:
    """The allocation of an sds string of this length (sdsnewlen: its header by length)."""
    if length == 0:
        header = 3
    elif length < 32:
        header = 1
    elif length < 256:
        header = 3
    elif length < 65536:
        header = 5
    elif length < 1 << 32:
        header = 9
    else:
        header = 17
    return usable(header + length + 1)


# a skiplist node (24 bytes and 16 a level) has k levels with probability 0.75 * 0.25 ** (k - 1):
# the expected allocation
SKIPLIST_NODE = round(sum(0.75 * 0.25 ** (k - 1) * usable(24 + 16 * k) for k in range(1, 33)))


def _backlen(n: int) -> int:
    for size, limit in ((1, 127), (2, 16383), (3, 2097151), (4, 268435455)):
        if n <= limit:
            return size
    return 5


def lp_entry(value: bytes) -> int:
    """The bytes of one listpack entry (encoding, data, back length)."""
    v = string2ll(value) if len(value) <= 20 else None
    if v is not None:
        if 0 <= v <= 127:
            n = 1
        elif -4096 <= v <= 4095:
            n = 2
        elif -32768 <= v <= 32767:
            n = 3
        elif -(1 << 23) <= v < 1 << 23:
            n = 4
        elif -(1 << 31) <= v < 1 << 31:
            n = 5
        else:
            n = 9
    else:
        size = len(value)
        n = size + (1 if size <= 63 else 2 if size <= 4095 else 5)
    return n + _backlen(n)


def lp_bytes(values: list[bytes]) -> int:
    return 6 + sum(lp_entry(v) for v in values) + 1


def _slots(n: int, steps_per_insert: int = 1, start: int = 4) -> int:
    """dictSlots of a dictionary after n insertions in a row: it starts with ``start`` buckets
    and doubles when full, then rehashes one bucket per step (sets take one step an insertion,
    hashes and sorted sets two: a lookup, then the add), so just after a doubling both tables
    count. (Which buckets are full depends on Redis's hash seed: about 63% of them, on
    average, is what this assumes.)"""
    if n <= start:
        return start
    old = start
    while old * 2 < n:
        old *= 2
    steps = (n - old - 1) * steps_per_insert  # since the table doubled
    return old + 2 * old if steps < round(0.632 * old) else 2 * old


def _sampled(sizes: list[int], count: int, samples: int) -> int:
    """objectComputeSize's estimate: the average of the first ``samples`` elements times count."""
    taken = sizes[:samples]
    return int(sum(taken) / len(taken) * count) if taken else 0


def _score_text(score: float) -> bytes:
    """d2string of a sorted set's score as the listpack stores it."""
    if score != score:
        return b"nan"
    if score in (float("inf"), float("-inf")):
        return b"inf" if score > 0 else b"-inf"
    if score == int(score) and abs(score) < 2 ** 53:
        return b"%d" % int(score)
    return b"%.17g" % score


class ObjectInfo:
    """A key's type, encoding and computed size (objectComputeSize, without the key)."""

    def __init__(self, execute: Execute, key: bytes, kind: str, samples: int, encoding: bytes) -> None:
        self.kind = kind
        self.encoding = encoding
        self.size = getattr(self, "_" + kind, self._other)(execute, key, samples, encoding)

    @staticmethod
    def _other(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        return ROBJ

    @staticmethod
    def _string(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        value = execute([b"GET", key])
        value = value if isinstance(value, bytes) else b""
        if encoding == b"int":
            return ROBJ
        if encoding == b"embstr":
            return usable(ROBJ + 3 + len(value) + 1)
        return ROBJ + sds_size(len(value))

    @staticmethod
    def _list(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        items = execute([b"LRANGE", key, b"0", b"-1"])
        nodes: list[int] = []
        size = 7
        for item in items if isinstance(items, list) else []:
            entry = lp_entry(item)
            if nodes and size + entry <= LISTPACK_MAX_NODE_BYTES:
                size += entry
                nodes[-1] = size
            else:
                size = 7 + entry
                nodes.append(size)
        sizes = [QUICKLIST_NODE + usable(n) for n in nodes]
        return ROBJ + QUICKLIST + _sampled(sizes, len(nodes), samples)

    @staticmethod
    def _set(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        members = execute([b"SMEMBERS", key])
        members = members if isinstance(members, list) else []
        ints = [string2ll(m) for m in members]
        if encoding == b"intset":
            width = 2 if all(-32768 <= i <= 32767 for i in ints) else \
                4 if all(-(1 << 31) <= i < 1 << 31 for i in ints) else 8  # type: ignore[operator]
            return ROBJ + usable(8 + len(members) * width)
        sizes = [DICT_ENTRY + sds_size(len(m)) for m in members]
        # an intset grown past 512 members became a table of 1024 buckets at once
        slots = _slots(len(members), 1, 1024) if all(i is not None for i in ints) else _slots(len(members))
        return ROBJ + DICT + 8 * slots + _sampled(sizes, len(members), samples)

    @staticmethod
    def _hash(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        flat = execute([b"HGETALL", key])
        flat = flat if isinstance(flat, list) else []
        n = len(flat) // 2
        if encoding == b"listpack":
            return ROBJ + usable(lp_bytes(flat))
        pairs = zip(flat[0::2], flat[1::2], strict=True)
        sizes = [sds_size(len(f)) + sds_size(len(v)) + DICT_ENTRY for f, v in pairs]
        return ROBJ + DICT + 8 * _slots(n, 2) + _sampled(sizes, n, samples)

    @staticmethod
    def _zset(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        flat = execute([b"ZRANGE", key, b"0", b"-1", b"WITHSCORES"])
        flat = flat if isinstance(flat, list) else []
        members = flat[0::2]
        scores = [_score_text(float(s)) for s in flat[1::2]]
        if encoding == b"listpack":
            values = [x for pair in zip(members, scores, strict=True) for x in pair]
            return ROBJ + usable(lp_bytes(values))
        header = usable(24 + 32 * 16)  # zslCreateNode(ZSKIPLIST_MAXLEVEL)
        sizes = [sds_size(len(m)) + DICT_ENTRY + SKIPLIST_NODE for m in members]
        return (ROBJ + 16 + 32 + DICT + 8 * _slots(len(members), 2) + header
                + _sampled(sizes, len(members), samples))

    @staticmethod
    def _stream(execute: Execute, key: bytes, samples: int, encoding: bytes) -> int:
        length = execute([b"XLEN", key])
        entries = length if isinstance(length, int) else 0
        nodes = max((entries + 99) // 100, 1)  # stream-node-max-entries 100
        rax = nodes * 16 + 2 * nodes * (4 + 8 * 30)  # streamRadixTreeMemoryUsage, two rax nodes a key
        return ROBJ + 80 + rax + nodes * usable(4096)


def _kind(execute: Execute, key: bytes) -> str | None:
    kind = execute([b"TYPE", key])
    name = bytes(kind).decode("ascii", "replace") if isinstance(kind, bytes) else "none"
    return None if name == "none" else name


def object_command(execute: Execute, argv: list[bytes], encoding_of: EncodingOf) -> object:
    """OBJECT ENCODING|REFCOUNT|IDLETIME|FREQ key, OBJECT HELP (arity already checked)."""
    sub = argv[1].lower()
    if sub == b"help":
        return [Status(b"OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                *map(Status, OBJECT_HELP), Status(b"HELP"), Status(b"    Prints this help.")]
    kind = _kind(execute, argv[2])
    if kind is None:
        return None
    if sub == b"encoding":
        return encoding_of(argv[2])
    if sub == b"refcount":
        if kind == "string":
            value = execute([b"GET", argv[2]])
            v = string2ll(value) if isinstance(value, bytes) and len(value) <= 20 else None
            if v is not None and 0 <= v < SHARED_INTEGERS:
                return SHARED_REFCOUNT
        return 1
    if sub == b"idletime":
        return 0  # the keyspace keeps no access times: every key reads as just used
    if sub == b"freq":
        return ErrorReply(NO_LFU)
    return ErrorReply(b"ERR unknown subcommand '%s'. Try OBJECT HELP." % argv[1][:128])


def memory_usage(execute: Execute, argv: list[bytes], encoding_of: EncodingOf) -> object:
    """MEMORY USAGE key [SAMPLES count]: the value's size, the key's and its dictionary entry."""
    samples = SAMPLES
    j = 3
    while j < len(argv):
        if argv[j].lower() == b"samples" and j + 1 < len(argv):
            n = string2ll(argv[j + 1])
            if n is None:
                return ErrorReply(b"ERR value is not an integer or out of range")
            if n < 0:
                return ErrorReply(b"ERR syntax error")
            samples = n if n else 1 << 62
            j += 2
            continue
        return ErrorReply(b"ERR syntax error")
    key = argv[2]
    kind = _kind(execute, key)
    if kind is None:
        return None
    encoding = encoding_of(key) or b"raw"
    return ObjectInfo(execute, key, kind, samples, encoding).size + sds_size(len(key)) + DICT_ENTRY
