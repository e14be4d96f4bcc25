"""The commands the embedded keyspace answers itself, where fakeredis and Redis 7.0 part ways.
Each works through a ``Keyspace`` view (one fakeredis command at a time, and the keys' Redis
encodings), so the data stays fakeredis's:

- INCRBYFLOAT and HINCRBYFLOAT: long double arithmetic and ``%.17Lf`` formatting (``longdouble``),
  with Redis's refusals (``value is NaN or Infinity``, ``hash value is not a float``); the
  result of INCRBYFLOAT is an ``embstr`` (or ``raw``) string, never ``int``;
- OBJECT and MEMORY USAGE (``objects``);
- SSCAN of an intset, HSCAN and ZSCAN of a listpack: the whole collection at once in its
  order (sorted as numbers; insertion order; score order with the listpack's score text),
  MATCH applied, cursor 0, as scanGenericCommand does for the small encodings;
- SRANDMEMBER, HRANDFIELD, ZRANDMEMBER with a count at least the size: the whole collection
  in its encoding's order (their "CASE 2"; a sorted set from its tail); HRANDFIELD and
  ZRANDMEMBER without a count: one bulk string, not an array;
- TOUCH and BITFIELD_RO, which fakeredis lacks; GETEX's and SELECT's order of checks;
  BITOP's unknown operation, ZRANGESTORE's WITHSCORES, XREADGROUP on a missing key; the
  checks Redis makes before reading keys or numbers (LMOVE's sides, the pops' counts, XDEL
  on a missing key, EXPIRE's options, ZRANGEBY*'s options, the SCANs' cursor, BITCOUNT on a
  missing key, ZADD's flags); LCS whole (fakeredis reads bytes as text); SINTERCARD with a
  missing key (0) and ZMPOP on a key of another type (WRONGTYPE), which fakeredis gets wrong;
- the geo commands (``geo``): Redis's scores, positions, distances and searches;
- PFADD, PFCOUNT, PFMERGE (``hll``): Redis's HyperLogLog strings and estimates;
- ``set_order``: the members of a set reply in Redis's order for an intset (sorted as numbers)
  and otherwise sorted as bytes, so that no run depends on Python's hash seed (Redis's own hash
  table order is seeded at random).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from vm.redis import encodings as enc
from vm.redis import longdouble
from vm.redis.commands import string2ll
from vm.redis.glob import string_match
from vm.redis.objects import memory_usage, object_command
from vm.redis.reply import ErrorReply, Status

Execute = Callable[[list[bytes]], object]


class Keyspace(Protocol):
    """What an own command works with."""

    resp: int

    def execute(self, argv: list[bytes]) -> object: ...

    def execute2(self, argv: list[bytes]) -> object: ...

    def encoding(self, key: bytes) -> bytes | None: ...

    def remember_encoding(self, key: bytes, encoding: bytes) -> None: ...

WRONGTYPE = ErrorReply(b"WRONGTYPE Operation against a key holding the wrong kind of value")
NOT_FLOAT = ErrorReply(b"ERR value is not a valid float")
NAN_OR_INF = ErrorReply(b"ERR increment would produce NaN or Infinity")


def _type(execute: Execute, key: bytes) -> bytes:
    kind = execute([b"TYPE", key])
    return bytes(kind) if isinstance(kind, bytes) else b"none"


def incrbyfloat(ks: Keyspace, argv: list[bytes]) -> object:
    """INCRBYFLOAT key increment (t_string.c): the key's type, its value, the increment, in that
    order; the new value keeps the key's time to live."""
    execute = ks.execute
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
    if isinstance(done, ErrorReply):
        return done
    ks.remember_encoding(key, enc.float_string_encoding(text))
    return text


def hincrbyfloat(ks: Keyspace, argv: list[bytes]) -> object:
    """HINCRBYFLOAT key field increment (t_hash.c): the increment is checked first."""
    execute = ks.execute
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


def _numbers(members: list) -> list[int] | None:
    """The members as numbers when all are integers an intset holds, else None."""
    out = []
    for m in members:
        v = string2ll(m) if isinstance(m, bytes) and len(m) <= 20 else None
        if v is None:
            return None
        out.append(v)
    return out


def set_order(members: list, intset: bool | None = None) -> list:
    """Set members in Redis's order: an intset's sorted as numbers, a hash table's in bytes
    order. ``intset`` says which the set is; None: a temporary set Redis builds from these
    members (an intset when they are at most 512 integers)."""
    if intset is None:
        intset = len(members) <= enc.SET_MAX_INTSET_ENTRIES
    numbers = _numbers(members) if intset else None
    if numbers is not None:
        return [m for _, m in sorted(zip(numbers, members, strict=True))]
    return sorted(members, key=lambda m: bytes(m) if isinstance(m, bytes) else b"")


def _scan_options(opts: list[bytes]) -> tuple[bytes | None, ErrorReply | None]:
    """scanGenericCommand's options for a key (COUNT n, MATCH pattern): the pattern, or the
    error reply."""
    pattern = None
    i = 0
    while i < len(opts):
        word = opts[i].lower()
        if word == b"count" and i + 1 < len(opts):
            n = string2ll(opts[i + 1])
            if n is None:
                return None, ErrorReply(b"ERR value is not an integer or out of range")
            if n < 1:
                return None, ErrorReply(b"ERR syntax error")
        elif word == b"match" and i + 1 < len(opts):
            pattern = opts[i + 1]
        else:
            return None, ErrorReply(b"ERR syntax error")
        i += 2
    return (None if pattern == b"*" else pattern), None


def score_text(score: float) -> bytes:
    """A score as a listpack holds it (zzlInsertAt: an integer when double2ll takes it, else
    d2string's ``%.17g``)."""
    if score != score:
        return b"nan"
    if score in (float("inf"), float("-inf")):
        return b"inf" if score > 0 else b"-inf"
    limit = (1 << 62) - 1  # LLONG_MAX / 2
    if -limit <= score <= limit and score == int(score):
        return b"%d" % int(score)
    return b"%.17g" % score


def _scan(ks: Keyspace, argv: list[bytes], kind: bytes, compact: bytes) -> object:
    """SSCAN/HSCAN/ZSCAN of a small encoding: everything at once, cursor 0."""
    cursor = argv[2]
    if string2ll(cursor) is None and not (cursor.isdigit() and cursor.isascii()):
        return UNHANDLED  # fakeredis's refusal of the cursor
    if _type(ks.execute, argv[1]) != kind or ks.encoding(argv[1]) != compact:
        return UNHANDLED
    pattern, error = _scan_options(argv[3:])
    if error is not None:
        return error
    if kind == b"set":
        members = ks.execute2([b"SMEMBERS", argv[1]])
        found = set_order(members, intset=True) if isinstance(members, list) else []
        found = [m for m in found if pattern is None or string_match(pattern, m)]
    else:
        flat = ks.execute2([b"HGETALL", argv[1]] if kind == b"hash"
                           else [b"ZRANGE", argv[1], b"0", b"-1", b"WITHSCORES"])
        flat = flat if isinstance(flat, list) else []
        if kind == b"zset":
            flat = [x for m, sc in zip(flat[0::2], flat[1::2], strict=True)
                    for x in (m, score_text(float(sc)))]
        found = [x for f, v in zip(flat[0::2], flat[1::2], strict=True)
                 if pattern is None or string_match(pattern, f) for x in (f, v)]
    return [b"0", found]


def _checked_scan(ks: Keyspace, argv: list[bytes], kind: bytes, compact: bytes) -> object:
    if len(argv) < 3:
        return UNHANDLED
    refused = scan_checks(ks, argv)
    return refused if refused is not UNHANDLED else _scan(ks, argv, kind, compact)


def _count_argument(argv: list[bytes], option: bytes) -> tuple[int, bool] | None:
    """HRANDFIELD/ZRANDMEMBER/SRANDMEMBER key count [option]: the count and whether the option
    was given, when they are well formed (else None: fakeredis answers)."""
    if len(argv) not in (3, 4) or (len(argv) == 4 and (not option or argv[3].lower() != option)):
        return None
    count = string2ll(argv[2])
    if count is None or count <= 0 or count >= 1 << 62:
        return None
    return count, len(argv) == 4


def srandmember(ks: Keyspace, argv: list[bytes]) -> object:
    """SRANDMEMBER key count with count >= 2 and at least the size: the set in its order."""
    parsed = _count_argument(argv, b"")
    if parsed is None or parsed[0] < 2 or _type(ks.execute, argv[1]) != b"set":
        return UNHANDLED
    members = ks.execute2([b"SMEMBERS", argv[1]])
    if not isinstance(members, list) or parsed[0] < len(members):
        return UNHANDLED
    return set_order(members, intset=ks.encoding(argv[1]) == enc.INTSET)


def hrandfield(ks: Keyspace, argv: list[bytes]) -> object:
    """HRANDFIELD key count [WITHVALUES] with a count at least the size: the hash in its order
    (a listpack's insertion order; fields and values flat in RESP2, pairs in RESP3)."""
    parsed = _count_argument(argv, b"withvalues")
    if parsed is None or _type(ks.execute, argv[1]) != b"hash":
        return UNHANDLED
    flat = ks.execute2([b"HGETALL", argv[1]])
    if not isinstance(flat, list) or parsed[0] < len(flat) // 2:
        return UNHANDLED
    if not parsed[1]:
        return flat[0::2]
    if ks.resp == 3:
        return [[f, v] for f, v in zip(flat[0::2], flat[1::2], strict=True)]
    return flat


def zrandmember(ks: Keyspace, argv: list[bytes]) -> object:
    """ZRANDMEMBER key count [WITHSCORES] with a count at least the size: the sorted set as
    zuiNext walks it, from the tail (ZREVRANGE's reply)."""
    parsed = _count_argument(argv, b"withscores")
    if parsed is None or _type(ks.execute, argv[1]) != b"zset":
        return UNHANDLED
    size = ks.execute([b"ZCARD", argv[1]])
    if not isinstance(size, int) or parsed[0] < size:
        return UNHANDLED
    return ks.execute([b"ZREVRANGE", argv[1], b"0", b"-1", *([b"WITHSCORES"] if parsed[1] else [])])


def random_one(ks: Keyspace, argv: list[bytes]) -> object:
    """HRANDFIELD key / ZRANDMEMBER key, no count: one field or member as a bulk string, nil for
    a missing key (fakeredis answers an array of one)."""
    kind = _type(ks.execute, argv[1])
    if kind == b"none":
        return None
    if kind != (b"hash" if argv[0].lower() == b"hrandfield" else b"zset"):
        return WRONGTYPE
    picked = ks.execute([argv[0], argv[1], b"1"])
    return picked[0] if isinstance(picked, list) and picked else picked


def hrandfield_count(ks: Keyspace, argv: list[bytes]) -> object:
    """HRANDFIELD key count [WITHVALUES] (hrandfieldWithCountCommand): the count, then the
    option, then an empty array for a missing key (fakeredis answers nil and skips both)."""
    if string2ll(argv[2]) is None:
        return ErrorReply(b"ERR value is not an integer or out of range")
    if len(argv) > 4 or len(argv) == 4 and argv[3].lower() != b"withvalues":
        return _SYNTAX
    if _type(ks.execute, argv[1]) == b"none":
        return []
    return hrandfield(ks, argv)


def touch(ks: Keyspace, argv: list[bytes]) -> object:
    """TOUCH key [key ...]: how many of the keys exist, a key named twice counted twice (no
    access time is kept here)."""
    return ks.execute([b"EXISTS", *argv[1:]])


_SYNTAX = ErrorReply(b"ERR syntax error")
_EXPIRES = (b"ex", b"px", b"exat", b"pxat")


def getex(ks: Keyspace, argv: list[bytes]) -> object:
    """GETEX key [EX|PX|EXAT|PXAT t | PERSIST] (t_string.c): the options' syntax first
    (parseExtendedStringArgumentsOrReply), then the key: nil when it is missing and WRONGTYPE
    for another type, both before the time is read; the rest is fakeredis's."""
    seen: set[bytes] = set()
    j = 2
    while j < len(argv):
        opt = argv[j].lower()
        others = seen - {opt}
        if opt == b"persist" and not others:
            seen.add(opt)
        elif opt in _EXPIRES and not others and j + 1 < len(argv):
            seen.add(opt)
            j += 1
        else:
            return _SYNTAX
        j += 1
    kind = _type(ks.execute, argv[1])
    if kind == b"none":
        return None
    return WRONGTYPE if kind != b"string" else UNHANDLED


_BITFIELD_TYPES = (b"wrap", b"sat", b"fail")


def bitfield_ro(ks: Keyspace, argv: list[bytes]) -> object:
    """BITFIELD_RO key [GET type offset ...] (bitops.c's bitfieldGeneric, read-only): the whole
    list parsed as BITFIELD parses it (GET, SET, INCRBY, OVERFLOW; type, offset and value
    errors), then "only supports the GET subcommand" if a SET or INCRBY was given; the GETs
    are BITFIELD's."""
    gets: list[bytes] = []
    writes = False
    j = 2
    while j < len(argv):
        op, left = argv[j].lower(), len(argv) - j - 1
        if op == b"overflow" and left >= 1:
            if argv[j + 1].lower() not in _BITFIELD_TYPES:
                return ErrorReply(b"ERR Invalid OVERFLOW type specified")
            j += 2
            continue
        if op == b"get" and left >= 2:
            gets += [b"GET", argv[j + 1], argv[j + 2]]
            j += 3
            continue
        if op not in (b"set", b"incrby") or left < 3:
            return _SYNTAX
        checked = ks.execute([b"BITFIELD", argv[1], b"GET", argv[j + 1], argv[j + 2]])
        if checked.__class__ is ErrorReply and not checked.text.startswith(b"WRONGTYPE"):  # type: ignore[attr-defined]
            return checked  # the type or the offset
        if string2ll(argv[j + 3]) is None:
            return ErrorReply(b"ERR value is not an integer or out of range")
        writes = True
        j += 4
    if writes:
        return ErrorReply(b"ERR BITFIELD_RO only supports the GET subcommand")
    return ks.execute([b"BITFIELD", argv[1], *gets])


def select(ks: Keyspace, argv: list[bytes]) -> object:
    """SELECT index: getIntFromObjectOrReply's refusals (no integer; a long outside an int's
    range), before fakeredis's database range check."""
    n = string2ll(argv[1])
    if n is None:
        return ErrorReply(b"ERR value is not an integer or out of range")
    if not -(1 << 31) <= n < 1 << 31:
        return ErrorReply(b"ERR value is out of range, value must between -2147483648 and 2147483647")
    return UNHANDLED


_BITOPS = (b"and", b"or", b"xor", b"not")


def bitop(ks: Keyspace, argv: list[bytes]) -> object:
    """BITOP operation destkey key ...: an unknown operation is a syntax error (fakeredis
    answers with an arity error)."""
    return UNHANDLED if argv[1].lower() in _BITOPS else _SYNTAX


def zrangestore(ks: Keyspace, argv: list[bytes]) -> object:
    """ZRANGESTORE dst src min max [options] (zrangeGenericCommand with a store handler):
    WITHSCORES is a syntax error; the range is ZRANGE's; the destination, whatever it held,
    is replaced by the result, or deleted when it is empty (fakeredis refuses a destination of
    another type, keeps it on an empty result, and fails on WITHSCORES)."""
    if any(a.lower() == b"withscores" for a in argv[5:]):
        return _SYNTAX
    members = ks.execute2([b"ZRANGE", *argv[2:]])
    if not isinstance(members, list):
        return members  # the range's refusal (syntax, a number, WRONGTYPE for the source)
    scores = ks.execute2([b"ZMSCORE", argv[2], *members]) if members else []
    ks.execute([b"DEL", argv[1]])
    if members:
        ks.execute([b"ZADD", argv[1], *[x for pair in zip(scores, members, strict=True) for x in pair]])
    return len(members)


def xreadgroup(ks: Keyspace, argv: list[bytes]) -> object:
    """XREADGROUP GROUP group consumer [options] STREAMS key ... id ...: a missing key is
    NOGROUP for that key, as for a missing group (fakeredis answers XGROUP's "requires the key
    to exist"); keys are checked in order, the rest left to fakeredis."""
    words = [a.lower() for a in argv]
    if len(argv) < 4 or b"streams" not in words[4:]:
        return UNHANDLED
    rest = argv[words.index(b"streams", 4) + 1:]
    if not rest or len(rest) % 2:
        return UNHANDLED
    for key in rest[:len(rest) // 2]:
        if _type(ks.execute, key) != b"none":
            return UNHANDLED
        return ErrorReply(b"NOGROUP No such key '%s' or consumer group '%s' in XREADGROUP with GROUP option"
                          % (key, argv[2]))
    return UNHANDLED


_SIDES = (b"left", b"right")


def lmove(ks: Keyspace, argv: list[bytes]) -> object:
    """LMOVE/BLMOVE src dst wherefrom whereto: the sides are read before the keys (a syntax
    error even for a missing source)."""
    return UNHANDLED if argv[3].lower() in _SIDES and argv[4].lower() in _SIDES else _SYNTAX


def pop_count(ks: Keyspace, argv: list[bytes]) -> object:
    """LPOP/RPOP key [count] and ZPOPMIN/ZPOPMAX key [count] given more: the list pops' arity
    refusal, the sorted set pops' syntax error (fakeredis fails on the extra argument)."""
    if len(argv) <= 3:
        return UNHANDLED
    if argv[0].lower() in (b"lpop", b"rpop"):
        return ErrorReply(b"ERR wrong number of arguments for '%s' command" % argv[0].lower())
    return _SYNTAX


def xdel(ks: Keyspace, argv: list[bytes]) -> object:
    """XDEL key id ...: 0 for a missing key, before the ids are read."""
    return 0 if _type(ks.execute, argv[1]) == b"none" else UNHANDLED


_EXPIRE_OPTIONS = (b"nx", b"xx", b"gt", b"lt")


def expire_options(ks: Keyspace, argv: list[bytes]) -> object:
    """EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT key time [NX|XX|GT|LT ...]: the options are read
    before the time (parseExtendedExpireArgumentsOrReply): "Unsupported option"."""
    for opt in argv[3:]:
        if opt.lower() not in _EXPIRE_OPTIONS:
            return ErrorReply(b"ERR Unsupported option " + opt)
    return UNHANDLED


def zrange_options(ks: Keyspace, argv: list[bytes]) -> object:
    """ZRANGEBYSCORE/ZREVRANGEBYSCORE/ZRANGEBYLEX/ZREVRANGEBYLEX/ZREVRANGE key a b [options]:
    zrangeGenericCommand reads WITHSCORES and LIMIT offset count before the range, so a bad
    option is a syntax error and LIMIT's numbers "not an integer" whatever the range holds;
    WITHSCORES with BYLEX is refused by name."""
    name = argv[0].lower()
    lex, ranks = name.endswith(b"bylex"), name == b"zrevrange"
    withscores = False
    j = 4
    while j < len(argv):
        opt, left = argv[j].lower(), len(argv) - j - 1
        if opt == b"withscores":
            withscores = True
            j += 1
        elif opt == b"limit" and left >= 2 and not ranks:
            if string2ll(argv[j + 1]) is None or string2ll(argv[j + 2]) is None:
                return ErrorReply(b"ERR value is not an integer or out of range")
            j += 3
        else:
            return _SYNTAX
    if withscores and lex:
        return ErrorReply(b"ERR syntax error, WITHSCORES not supported in combination with BYLEX")
    return UNHANDLED


def _is_cursor(arg: bytes) -> bool:
    """parseScanCursorOrReply: strtoul's digits (a sign allowed), no space first, no overflow."""
    digits = arg[1:] if arg[:1] in (b"-", b"+") else arg
    return digits.isdigit() and int(digits) < 1 << 64


def scan_checks(ks: Keyspace, argv: list[bytes]) -> object:
    """SCAN cursor / SSCAN, HSCAN, ZSCAN key cursor [options]: the cursor first ("invalid
    cursor"), then a missing key (an empty page, whatever the options), then an option
    without its value (a syntax error; fakeredis gives an arity error)."""
    at = 1 if argv[0].lower() == b"scan" else 2
    if not _is_cursor(argv[at]):
        return ErrorReply(b"ERR invalid cursor")
    if at == 2 and _type(ks.execute, argv[1]) == b"none":
        return [b"0", []]
    if (len(argv) - at - 1) % 2:
        return _SYNTAX
    return UNHANDLED


def bitcount(ks: Keyspace, argv: list[bytes]) -> object:
    """BITCOUNT key ...: 0 for a missing key, before the range is read."""
    return 0 if _type(ks.execute, argv[1]) == b"none" else UNHANDLED


def _numkeys(argv: list[bytes], at: int) -> list[bytes] | None:
    """The keys after a numkeys argument at ``at``, or None when it is not a valid count (left
    to fakeredis's refusals)."""
    n = string2ll(argv[at]) if len(argv) > at else None
    if n is None or n < 1 or n > len(argv) - at - 1:
        return None
    return argv[at + 1:at + 1 + n]


def sintercard(ks: Keyspace, argv: list[bytes]) -> object:
    """SINTERCARD numkeys key ... [LIMIT n] (sinterGenericCommand): every key's type checked,
    then a missing key makes the intersection empty: 0 (fakeredis refuses a missing first key
    as WRONGTYPE)."""
    keys = _numkeys(argv, 1)
    if keys is None:
        return UNHANDLED
    rest = argv[2 + len(keys):]
    if rest and (len(rest) != 2 or rest[0].lower() != b"limit" or (string2ll(rest[1]) or 0) < 0
                 or string2ll(rest[1]) is None):
        return UNHANDLED
    kinds = [_type(ks.execute, k) for k in keys]
    if any(k not in (b"none", b"set") for k in kinds):
        return WRONGTYPE
    return 0 if b"none" in kinds else UNHANDLED


def zmpop(ks: Keyspace, argv: list[bytes]) -> object:
    """ZMPOP/BZMPOP: the first key that exists is popped from, so one of another type is
    WRONGTYPE (fakeredis fails inside on it)."""
    keys = _numkeys(argv, 1 if argv[0].lower() == b"zmpop" else 2)
    if keys is None:
        return UNHANDLED
    for key in keys:
        kind = _type(ks.execute, key)
        if kind != b"none":
            return WRONGTYPE if kind != b"zset" else UNHANDLED
    return UNHANDLED


def lcs(ks: Keyspace, argv: list[bytes]) -> object:
    """LCS a b [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN] (t_string.c's lcsCommand, whole):
    the keys first (another type than string refused by name, a missing one empty), then the
    options; the dynamic programming table and the walk back from its corner that picks the
    string and emits the ranges, in Redis's order (fakeredis reads the values as text and
    gives some ranges reversed)."""
    kinds = [_type(ks.execute, k) for k in argv[1:3]]
    if any(k not in (b"none", b"string") for k in kinds):
        return ErrorReply(b"ERR The specified keys must contain string values")
    getidx = getlen = withmatchlen = False
    minmatchlen = 0
    j = 3
    while j < len(argv):
        opt = argv[j].lower()
        if opt == b"idx":
            getidx = True
        elif opt == b"len":
            getlen = True
        elif opt == b"withmatchlen":
            withmatchlen = True
        elif opt == b"minmatchlen" and j + 1 < len(argv):
            n = string2ll(argv[j + 1])
            if n is None:
                return ErrorReply(b"ERR value is not an integer or out of range")
            minmatchlen = max(n, 0)
            j += 1
        else:
            return _SYNTAX
        j += 1
    if getidx and getlen:
        return ErrorReply(b"ERR If you want both the length and indexes, please just use IDX.")
    a, b = (ks.execute([b"GET", k]) if kind == b"string" else b""
            for k, kind in zip(argv[1:3], kinds, strict=True))
    return _lcs_reply(bytes(a), bytes(b), getidx, getlen, withmatchlen, minmatchlen,  # type: ignore[arg-type]
                      ks.resp)


def _lcs_reply(a: bytes, b: bytes, getidx: bool, getlen: bool, withmatchlen: bool, minmatchlen: int,
               resp: int) -> object:
    alen, blen = len(a), len(b)
    table = [[0] * (blen + 1) for _ in range(alen + 1)]
    for i in range(1, alen + 1):
        row, up, ai = table[i], table[i - 1], a[i - 1]
        for j in range(1, blen + 1):
            row[j] = up[j - 1] + 1 if ai == b[j - 1] else max(up[j], row[j - 1])
    total = table[alen][blen]
    if getlen and not getidx:
        return total
    result = bytearray(total)
    matches: list = []
    idx, i, j = total, alen, blen
    astart, aend, bstart, bend = alen, 0, 0, 0
    while i > 0 and j > 0:
        emit = False
        if a[i - 1] == b[j - 1]:
            result[idx - 1] = a[i - 1]
            if astart == alen:
                astart = aend = i - 1
                bstart = bend = j - 1
            elif astart == i and bstart == j:  # contiguous: the range grows backward
                astart -= 1
                bstart -= 1
            else:
                emit = True
            if astart == 0 or bstart == 0:
                emit = True
            idx, i, j = idx - 1, i - 1, j - 1
        else:
            if table[i - 1][j] > table[i][j - 1]:
                i -= 1
            else:
                j -= 1
            if astart != alen:
                emit = True
        if emit:
            length = aend - astart + 1
            if minmatchlen == 0 or length >= minmatchlen:
                matches.append([[astart, aend], [bstart, bend], *([length] if withmatchlen else [])])
            astart = alen
    if not getidx:
        return bytes(result)
    if resp == 3:
        from vm.redis.reply import Map

        return Map(((b"matches", matches), (b"len", total)))
    return [b"matches", matches, b"len", total]


_ZADD_FLAGS = (b"nx", b"xx", b"ch", b"incr", b"gt", b"lt")


def zadd_flags(ks: Keyspace, argv: list[bytes]) -> object:
    """ZADD key [flags] score member ... (zaddGenericCommand): the flags, the count of what
    follows, then their conflicts are refused before the key's type is looked at."""
    flags: set[bytes] = set()
    at = 2
    while at < len(argv) and argv[at].lower() in _ZADD_FLAGS:
        flags.add(argv[at].lower())
        at += 1
    pairs = len(argv) - at
    if pairs % 2 or not pairs:
        return _SYNTAX
    if {b"nx", b"xx"} <= flags:
        return ErrorReply(b"ERR XX and NX options at the same time are not compatible")
    if b"nx" in flags and flags & {b"gt", b"lt"} or {b"gt", b"lt"} <= flags:
        return ErrorReply(b"ERR GT, LT, and/or NX options at the same time are not compatible")
    return UNHANDLED


_GEO_SEARCHES = (b"georadius", b"georadius_ro", b"georadiusbymember", b"georadiusbymember_ro",
                 b"geosearch", b"geosearchstore")


def _geo(ks: Keyspace, argv: list[bytes]) -> object:
    """The geo commands, Redis's (vm/redis/geo.py): fakeredis stores other scores."""
    from vm.redis import geo

    name = argv[0].lower()
    if name == b"geoadd":
        return geo.geoadd(ks.execute, argv)
    if name == b"geopos":
        return geo.geopos(ks.execute2, argv, ks.resp)
    if name == b"geodist":
        return geo.geodist(ks.execute2, argv)
    if name == b"geohash":
        return geo.geohash(ks.execute2, argv)
    return geo.search(ks.execute2, argv, ks.resp)


_CORRUPT_HLL = ErrorReply(b"INVALIDOBJ Corrupted HLL object detected")


def _hll_value(ks: Keyspace, key: bytes) -> bytearray | ErrorReply | None:
    """The HLL at key (None: no key), or isHLLObjectOrReply's refusal."""
    from vm.redis import hll

    kind = _type(ks.execute, key)
    if kind == b"none":
        return None
    if kind != b"string":
        return WRONGTYPE
    value = ks.execute2([b"GET", key])
    if not isinstance(value, bytes) or not hll.valid(value):
        return ErrorReply(hll.INVALID)
    return bytearray(value)


def _hll_store(ks: Keyspace, key: bytes, value: bytearray) -> None:
    """The HLL written back in place: its time to live kept, a raw string as Redis makes it."""
    ks.execute([b"SET", key, bytes(value), b"KEEPTTL"])
    ks.remember_encoding(key, enc.RAW)


def pfadd(ks: Keyspace, argv: list[bytes]) -> object:
    """PFADD key element ...: 1 when the HLL was created or a register grew."""
    from vm.redis import hll

    value = _hll_value(ks, argv[1])
    if value.__class__ is ErrorReply:
        return value
    updated = 0
    if value is None:
        value, updated = hll.empty(), 1
    for element in argv[2:]:
        done = hll.add(value, element)  # type: ignore[arg-type]
        if done is None:
            return _CORRUPT_HLL
        value, changed = done
        updated += changed
    if updated:
        hll.invalidate(value)  # type: ignore[arg-type]
        _hll_store(ks, argv[1], value)  # type: ignore[arg-type]
    return 1 if updated else 0


def pfcount(ks: Keyspace, argv: list[bytes]) -> object:
    """PFCOUNT key ...: one key's cached cardinality, or the estimate computed and cached; for
    several keys the estimate of their union, nothing cached."""
    from vm.redis import hll

    if len(argv) == 2:
        value = _hll_value(ks, argv[1])
        if value is None or value.__class__ is ErrorReply:
            return 0 if value is None else value
        card = hll.cached(value)  # type: ignore[arg-type]
        if card is None:
            regs = hll.registers(value)  # type: ignore[arg-type]
            if regs is None:
                return _CORRUPT_HLL
            card = hll.count(regs)
            hll.cache(value, card)  # type: ignore[arg-type]
            _hll_store(ks, argv[1], value)  # type: ignore[arg-type]
        return card
    union = _hll_union(ks, argv[1:])
    return union if union.__class__ is ErrorReply else hll.count(union[0])  # type: ignore[index]


def _hll_union(ks: Keyspace, keys: list[bytes]) -> tuple[list[int], dict[bytes, bytearray]] | ErrorReply:
    """The registers' maximum over the HLLs at keys (missing ones empty), and those HLLs."""
    from vm.redis import hll

    best = [0] * hll.REGISTERS
    values: dict[bytes, bytearray] = {}
    for key in keys:
        value = _hll_value(ks, key)
        if value is None:
            continue
        if value.__class__ is ErrorReply:
            return value  # type: ignore[return-value]
        regs = hll.registers(value)  # type: ignore[arg-type]
        if regs is None:
            return _CORRUPT_HLL
        values[key] = value  # type: ignore[assignment]
        best = [max(a, b) for a, b in zip(best, regs, strict=True)]
    return best, values


def pfmerge(ks: Keyspace, argv: list[bytes]) -> object:
    """PFMERGE dest source ... (dest a source too): the registers' maximum, written into dest
    (created sparse, made dense if a source was) register by register."""
    from vm.redis import hll

    union = _hll_union(ks, argv[1:])
    if union.__class__ is ErrorReply:
        return union
    best, values = union  # type: ignore[misc]
    dense = any(v[4] == hll.DENSE for v in values.values())
    target = values.get(argv[1]) or hll.empty()
    if dense:
        target = hll.to_dense(target)
        if target is None:
            return _CORRUPT_HLL
    for reg, v in enumerate(best):
        if not v:
            continue
        if target[4] == hll.DENSE:
            hll.dense_set(target, reg, v)
        else:
            done = hll.sparse_set(target, reg, v)
            if done is None:
                return _CORRUPT_HLL
            target = done[0]
    hll.invalidate(target)
    _hll_store(ks, argv[1], target)
    return Status(b"OK")


UNHANDLED = object()  # what a handler answers for a case it leaves to fakeredis

_OWN: dict[bytes, Callable[[Keyspace, list[bytes]], object]] = {
    b"incrbyfloat": incrbyfloat,
    b"hincrbyfloat": hincrbyfloat,
    b"object": lambda ks, argv: object_command(ks.execute2, argv, ks.encoding),
    b"memory": lambda ks, argv: memory_usage(ks.execute2, argv, ks.encoding)
    if argv[1].lower() == b"usage" else UNHANDLED,
    b"scan": scan_checks,
    b"sscan": lambda ks, argv: _checked_scan(ks, argv, b"set", enc.INTSET),
    b"hscan": lambda ks, argv: _checked_scan(ks, argv, b"hash", enc.LISTPACK),
    b"zscan": lambda ks, argv: _checked_scan(ks, argv, b"zset", enc.LISTPACK),
    b"bitcount": bitcount,
    b"sintercard": sintercard,
    b"zmpop": zmpop,
    b"bzmpop": zmpop,
    b"lcs": lambda ks, argv: lcs(ks, argv) if len(argv) >= 3 else UNHANDLED,
    b"zadd": zadd_flags,
    **dict.fromkeys((b"geoadd", b"geopos", b"geodist", b"geohash", *_GEO_SEARCHES), _geo),
    b"pfadd": pfadd,
    b"pfcount": pfcount,
    b"pfmerge": pfmerge,
    b"srandmember": srandmember,
    b"hrandfield": lambda ks, argv: random_one(ks, argv) if len(argv) == 2 else hrandfield_count(ks, argv),
    b"zrandmember": lambda ks, argv: random_one(ks, argv) if len(argv) == 2 else zrandmember(ks, argv),
    b"touch": touch,
    b"getex": getex,
    b"bitfield_ro": bitfield_ro,
    b"select": select,
    b"bitop": bitop,
    b"zrangestore": zrangestore,
    b"xreadgroup": xreadgroup,
    b"lmove": lambda ks, argv: lmove(ks, argv) if len(argv) >= 5 else UNHANDLED,
    b"blmove": lambda ks, argv: lmove(ks, argv) if len(argv) >= 5 else UNHANDLED,
    b"lpop": pop_count,
    b"rpop": pop_count,
    b"zpopmin": pop_count,
    b"zpopmax": pop_count,
    b"xdel": xdel,
    **dict.fromkeys((b"expire", b"pexpire", b"expireat", b"pexpireat"), expire_options),
    **dict.fromkeys((b"zrangebyscore", b"zrevrangebyscore", b"zrangebylex", b"zrevrangebylex",
                     b"zrevrange"), zrange_options),
}


def own_command(argv: list[bytes]) -> Callable[[Keyspace, list[bytes]], object] | None:
    """Our implementation of the command argv names, when there is one (it may still answer
    UNHANDLED for a case it leaves to fakeredis)."""
    return _OWN.get(argv[0].lower()) if len(argv) >= 2 else None
