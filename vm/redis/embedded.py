"""The embedded keyspace: fakeredis's command implementations, used as a command executor only.

fakeredis's own EVAL (a lupa-based Lua) is never involved: ``redis.call`` runs in our VM and
reaches one fakeredis command at a time through the socket object's command dispatcher, whose
results keep their RESP types (a ``SimpleString`` status, a ``SimpleError``). Everything that
depends on fakeredis internals is in this module.

The command table is Redis 7.0.15's (``commands70.json``): the checks made before a command runs
(arity, flags) are Redis's, the command itself is fakeredis's, except where fakeredis and Redis
7.0 part ways (``own_commands``): INCRBYFLOAT and HINCRBYFLOAT (long double arithmetic), OBJECT
and MEMORY USAGE (Redis's encodings and sizes), and the order of set members (an intset's sorted
as numbers, other sets' in an order that does not depend on Python's hash seed).

During a script the clock is frozen at the script's start for key expiry, as in Redis 7 (a key
set with PX 50 does not expire while the script runs): ``start_script`` freezes it,
``end_script`` lets it go.

Encodings (``encodings``): fakeredis keeps none, so after each write command the keys it wrote
are looked at and a conversion Redis 7.0 would have made is remembered for the value object
(a hash given a field of 65 bytes stays a hashtable after HDEL; a string APPENDed to stays
raw). OBJECT ENCODING, MEMORY USAGE, and the order of SMEMBERS, SSCAN/HSCAN/ZSCAN and of the
whole-collection cases of SRANDMEMBER/HRANDFIELD/ZRANDMEMBER follow the encoding. COPY gives
the copy its own value (fakeredis shares the source's) with the source's encoding.
"""

from __future__ import annotations

import copy
import time

from vm.redis import encodings as enc
from vm.redis.commands import CommandTable, client_call_error, string2ll
from vm.redis.own_commands import UNHANDLED, own_command, set_order
from vm.redis.reply import NULL_ARRAY, ErrorReply, Map, SetReply, Status

_FAKE_VERSION = (7, 0)


class EmbeddedKeyspace:
    """An in-process Redis 7.0 keyspace (16 databases, starting in database 0)."""

    def __init__(self, db: int = 0) -> None:
        import redis
        from fakeredis._core import FakeServer
        from fakeredis._socket._fakesocket import FakeSocket

        self.commands = CommandTable.builtin()
        self._server = FakeServer(version=_FAKE_VERSION)
        self._sock = FakeSocket(self._server, db, client_class=redis.Redis)
        self._db = db
        self._frozen: float | None = None  # the script's start, for key expiry
        self._encodings = enc.EncodingMemory()  # containers converted, by value object
        # strings whose encoding their content does not tell (raw after APPEND, INCRBYFLOAT's
        # embstr), by (database, key): the value object too, since a short bytes object is
        # shared by every key holding the same byte
        self._strings: dict[tuple[int, bytes], tuple[bytes, bytes]] = {}
        self._resp = 2  # the protocol of the command being run (own commands' replies)

    def describe(self) -> str:
        return "embedded"

    def execute(self, argv: list[bytes], resp: int = 2, *, from_script: bool = False) -> object:
        from fakeredis._helpers import SimpleError
        from fakeredis._socket._resp import extract_command

        sock = self._sock
        if not from_script:  # the refusals Redis makes before running a client's command
            refused = client_call_error(self.commands, argv)
            if refused is not None:
                return ErrorReply(refused)
        own = own_command(argv)
        if own is not None:
            saved_resp, self._resp = self._resp, resp
            try:
                reply = own(_OwnView(self, resp), argv)
            finally:
                self._resp = saved_resp
            if reply is not UNHANDLED:
                return reply
        cmd, args = extract_command(argv)
        spec = self.commands.lookup(argv)
        try:
            func, sig = sock._name_to_func(cmd)
        except SimpleError as exc:
            if spec is not None:  # a Redis 7.0 command fakeredis does not have
                return ErrorReply(b"ERR ferrous: the embedded keyspace does not implement '%s' "
                                  b"(run against a real server with --url)" % spec.name)
            return ErrorReply(exc.value.encode("utf-8", "surrogateescape"))
        if func is None:  # a container command named alone
            return ErrorReply(b"ERR wrong number of arguments for '%s' command" % argv[0].lower())
        blocking = from_script and spec is not None and "blocking" in spec.flags
        server = self._server
        sock._script_resp = resp
        saved_tx = sock._in_transaction
        if blocking:
            sock._in_transaction = True  # fakeredis's _blocking returns at once in a transaction
        try:
            with server.lock:
                now = self._frozen if from_script and self._frozen is not None else time.time()
                for db in server.dbs.values():  # what the socket's own dispatcher does first
                    db.time = now
                try:
                    sig.check_arity(args, sock.version)
                except SimpleError as exc:
                    return _redis_error(_reply(exc), argv)
                name = argv[0].lower()
                before = self._before(name, argv) if name in _LOOK_BEFORE else None
                try:
                    result = _redis_error(_reply(sock._run_command(func, sig, args, from_script)), argv)
                except Exception as exc:  # a fakeredis bug: an error reply, never a traceback
                    return ErrorReply(b"ERR ferrous: the embedded keyspace failed on '%s': %s"
                                      % (name, repr(exc).encode("utf-8", "replace")))
                if spec is not None and ("write" in spec.flags or name == b"sort_ro") \
                        and result.__class__ is not ErrorReply:
                    written = _key_args(sig, args)
                    self._drop_emptied(name, written, result)
                    self._after(name, argv, written, before, result)
                elif name in (b"sort", b"sort_ro") and result.__class__ is ErrorReply \
                        and result.text.startswith(b"ERR One or more scores"):  # type: ignore[attr-defined]
                    # sortCommandGeneric converted the sorted set to a skiplist before it failed
                    self._after(name, argv, [argv[1]], before, result)
        finally:
            sock._script_resp = None
            sock._in_transaction = saved_tx
        if result.__class__ is list and _replies_a_set(argv):
            result = self._set_order(argv, result)  # type: ignore[arg-type]
            if resp == 3:
                return SetReply(tuple(result))  # type: ignore[arg-type]
        return result

    def _drop_emptied(self, name: bytes, keys: list[bytes], result: object) -> None:
        """Redis deletes a list, hash, set or sorted set a write leaves empty; fakeredis keeps
        some (LMPOP's, BLMPOP's: EXISTS says 0 while TYPE and KEYS still show the key)."""
        db = self._sock._db
        if name in _MPOPS and result.__class__ is list and result:
            keys = [result[0]]  # type: ignore[index]  # the key popped from
        for key in keys:
            value = self._value(key, db)
            if value is not None and value.__class__ is not bytes and _kind(value) in _EMPTIED \
                    and len(value) == 0:  # type: ignore[arg-type]
                db._dict.pop(key, None)  # type: ignore[attr-defined]

    # -- encodings (see the module's docstring and vm.redis.encodings) --

    def _value(self, key: bytes, db: object = None) -> object:
        """The value stored at key (None when there is none or it has expired)."""
        db = self._sock._db if db is None else db
        item = db._dict.get(key)  # type: ignore[attr-defined]
        if item is None or db.expired(item):  # type: ignore[attr-defined]
            return None
        return item.value

    def encoding(self, key: bytes) -> bytes | None:
        """OBJECT ENCODING of key in the selected database (None: no such key)."""
        value = self._value(key)
        if value is None:
            return None
        if value.__class__ is bytes:
            mark = self._strings.get((self._sock._db_num, key))
            return mark[1] if mark is not None and mark[0] is value else enc.string_encoding(value)
        known = self._encodings.get(value)
        if known is not None:
            return known
        kind = _kind(value)
        return enc.content_encoding(kind, len(value), _strings(kind, value))  # type: ignore[arg-type]

    def remember_encoding(self, key: bytes, encoding: bytes) -> None:
        value = self._value(key)
        if value.__class__ is bytes:
            self._strings[(self._sock._db_num, key)] = (value, encoding)  # type: ignore[assignment]
        elif value is not None:
            self._encodings.remember(value, encoding)

    def _before(self, name: bytes, argv: list[bytes]) -> object:
        """What a conversion depends on that the command changes: whether APPEND's key existed;
        the size SPOP starts from; whether SDIFFSTORE's temporary set becomes a hash table."""
        if name == b"append":
            return self._value(argv[1]) is not None
        if name == b"spop":
            value = self._value(argv[1])
            return len(value) if isinstance(value, _set_type()) else None
        if name == b"sdiffstore" and len(argv) >= 3:
            return self._sdiff_converts(argv[2:])
        return None

    def _sdiff_converts(self, keys: list[bytes]) -> bool:
        """sunionDiffGenericCommand's choice for SDIFF: algorithm 2 adds the whole first set to
        an intset before removing the others' members, so the result is a hash table when the
        first set holds a non-integer or more than 512 members."""
        values = [self._value(k) for k in keys]
        sets = [v if isinstance(v, _set_type()) else None for v in values]
        first = sets[0]
        if first is None or any(k == keys[0] for k in keys[1:]):
            return False
        one = sum(len(first) for s in sets if s is not None) // 2
        two = sum(len(s) for s in sets if s is not None)
        return one > two and not enc.set_fits(len(first), first)

    def _after(self, name: bytes, argv: list[bytes], keys: list[bytes], before: object,
               result: object) -> None:
        """Remember the conversions the write command just made (Redis's, one-way)."""
        memory = self._encodings
        db, n = self._sock._db, self._sock._db_num
        if name in _MOVES_STRINGS:
            self._move_string_marks(name, argv, result)
        strings = self._strings
        for key in keys:
            value = self._value(key, db)
            if value.__class__ is not bytes or (name in _SETS_STRINGS and _string_set(name, argv, result)) \
                    or (name == b"append" and not before):
                strings.pop((n, key), None)  # gone, or a string set anew
            if value is None or value.__class__ is bytes:
                continue
            kind = _kind(value)
            if kind not in enc.CONVERTED or memory.get(value) is not None:
                continue
            if _converts(name, argv, key, kind, value, result):
                memory.remember(value, enc.CONVERTED[kind])
        if name in _MAKES_RAW and _made_raw(name, argv, before, result):
            target = argv[2] if name == b"bitop" else argv[1]
            value = self._value(target, db)
            if value.__class__ is bytes:
                strings[(n, target)] = (value, enc.RAW)  # type: ignore[assignment]
        elif name == b"spop" and len(argv) == 3 and isinstance(before, int):
            count = string2ll(argv[2])
            if count is not None and 0 < count < before and (before - count) * 5 <= count:
                value = self._value(argv[1], db)
                if value is not None:
                    memory.forget(value)  # spopWithCountCommand's case 3: a new set
        elif name == b"sdiffstore" and before:
            value = self._value(argv[1], db)
            if isinstance(value, _set_type()):
                memory.remember(value, enc.HASHTABLE)
        if name == b"copy" and result == 1:
            self._copy_value(argv)
        if memory.needs_pruning():
            memory.prune(item.value for d in self._server.dbs.values() for item in d._dict.values())

    def _move_string_marks(self, name: bytes, argv: list[bytes], result: object) -> None:
        """A string's mark goes with its value: RENAME, MOVE, SWAPDB, FLUSHDB, FLUSHALL."""
        strings, n = self._strings, self._sock._db_num
        if name in (b"rename", b"renamenx") and (name == b"rename" or result == 1):
            mark = strings.pop((n, argv[1]), None)
            if mark is not None:
                strings[(n, argv[2])] = mark
        elif name == b"move" and result == 1:
            mark = strings.pop((n, argv[1]), None)
            to = string2ll(argv[2])
            if mark is not None and to is not None:
                strings[(to, argv[1])] = mark
        elif name == b"swapdb":
            a, b = string2ll(argv[1]), string2ll(argv[2])
            swap = {a: b, b: a}
            self._strings = {(swap.get(d, d), k): m for (d, k), m in strings.items()}
        elif name in (b"flushdb", b"flushall"):
            self._strings = {} if name == b"flushall" else \
                {(d, k): m for (d, k), m in strings.items() if d != n}

    def _copy_value(self, argv: list[bytes]) -> None:
        """fakeredis's COPY stores the source's own value object at the destination (a write to
        one would change both): give the destination a copy, with the source's encoding, as
        Redis's COPY duplicates the object keeping its encoding."""
        from fakeredis._core._database import Item

        here = to = self._sock._db_num
        for i in range(3, len(argv) - 1):
            if argv[i].lower() == b"db":
                n = string2ll(argv[i + 1])
                if n is not None and n in self._server.dbs:
                    to = n
        target = self._server.dbs[to]
        source = self._value(argv[1])
        entry = target._dict.get(argv[2])
        if source is None or entry is None:
            return
        item = Item(copy.deepcopy(entry.value))
        item.expireat = entry.expireat
        target._dict[argv[2]] = item
        if source.__class__ is bytes:
            mark = self._strings.get((here, argv[1]))
            if mark is not None and mark[0] is source:
                self._strings[(to, argv[2])] = (item.value, mark[1])
            else:
                self._strings.pop((to, argv[2]), None)
            return
        known = self._encodings.get(source)
        if known is not None:
            self._encodings.remember(item.value, known)

    def _set_order(self, argv: list[bytes], members: list) -> list:
        """The members of a set reply in Redis's order: SMEMBERS by the key's encoding (an
        intset's sorted as numbers); the others (a temporary set Redis builds) by content."""
        if argv[0].lower() == b"smembers" and len(argv) == 2:
            intset = self.encoding(argv[1]) == enc.INTSET
            return set_order(members, intset=intset)
        return set_order(members)

    def start_script(self) -> None:
        """Freeze the clock for key expiry at the script's start."""
        self._frozen = time.time()

    def end_script(self) -> None:
        """A SELECT inside a script does not outlive it (Redis 7 selects the caller's database
        for each script run); the clock runs again."""
        self._frozen = None
        sock = self._sock
        if sock._db_num != self._db:
            sock._db_num = self._db
            sock._db = self._server.dbs[self._db]

    def snapshot(self) -> object:
        """A copy of every database, the selected one, fakeredis's random generator (SPOP,
        SRANDMEMBER, RANDOMKEY) and the remembered encodings: what ``restore`` puts back (the
        debugger going back in time)."""
        import random

        dbs = {n: (copy.deepcopy(db._dict), list(db._expiry_heap), db.time)
               for n, db in self._server.dbs.items() if db._dict}
        encodings = self._encodings.export(self._named_values())
        return dbs, self._sock._db_num, random.getstate(), self._frozen, encodings, dict(self._strings)

    def _named_values(self) -> list[tuple[object, object]]:
        return [((n, key), item.value) for n, db in self._server.dbs.items()
                for key, item in db._dict.items()]

    def restore(self, token: object) -> None:
        import random

        dbs, selected, rand, self._frozen, encodings, strings = token  # type: ignore[misc]
        with self._server.lock:
            for n, db in self._server.dbs.items():
                saved = dbs.get(n)
                if saved is None:
                    if db._dict:
                        db._dict, db._expiry_heap = {}, []
                    continue
                db._dict = copy.deepcopy(saved[0])
                db._expiry_heap = list(saved[1])
                db.time = saved[2]
            self._sock._db_num = selected
            self._sock._db = self._server.dbs[selected]
        self._encodings.reload(encodings, self._named_values())
        self._strings = dict(strings)
        random.setstate(rand)

    def close(self) -> None:
        self._sock.close()


class _OwnView:
    """What an own command (``own_commands``) sees of the keyspace: commands, in the same
    protocol, and the keys' encodings."""

    __slots__ = ("_ks", "resp")

    def __init__(self, ks: EmbeddedKeyspace, resp: int) -> None:
        self._ks = ks
        self.resp = resp

    def execute(self, argv: list[bytes]) -> object:
        return self._ks.execute(argv, self.resp)

    def execute2(self, argv: list[bytes]) -> object:
        """The command's RESP2 reply (flat arrays, doubles as bulk strings)."""
        return self._ks.execute(argv, 2)

    def encoding(self, key: bytes) -> bytes | None:
        return self._ks.encoding(key)

    def remember_encoding(self, key: bytes, encoding: bytes) -> None:
        self._ks.remember_encoding(key, encoding)


def _key_args(sig: object, args: list[bytes]) -> list[bytes]:
    """The arguments fakeredis's signature of the command reads as keys."""
    where = _KEY_POSITIONS.get(sig)
    if where is None:
        from fakeredis._commands import Key

        fixed, repeat = sig.fixed, sig.repeat  # type: ignore[attr-defined]
        where = _KEY_POSITIONS[sig] = (
            tuple(i for i, t in enumerate(fixed) if isinstance(t, Key)), len(fixed),
            tuple(i for i, t in enumerate(repeat) if isinstance(t, Key)), len(repeat))
    fixed_keys, nfixed, repeat_keys, nrepeat = where
    keys = [args[i] for i in fixed_keys if i < len(args)]
    if repeat_keys:
        for start in range(nfixed, len(args), nrepeat):
            keys += [args[start + i] for i in repeat_keys if start + i < len(args)]
    return keys


# fakeredis signature -> (key positions of its fixed part, its length, of its repeated part, its length)
_KEY_POSITIONS: dict[object, tuple[tuple[int, ...], int, tuple[int, ...], int]] = {}


def _set_type() -> type:
    from fakeredis.model import ExpiringMembersSet

    return ExpiringMembersSet


def _kind(value: object) -> str:
    """A fakeredis value's Redis type name."""
    kind = _KINDS.get(value.__class__)
    if kind is None:
        model = getattr(value, "model_type", None)
        kind = model().decode() if model is not None else "list" if isinstance(value, list) else "other"
        _KINDS[value.__class__] = kind
    return kind


_KINDS: dict[type, str] = {bytes: "string"}
_EMPTIED = ("list", "hash", "set", "zset")  # deleted when empty (streams stay)
_MPOPS = (b"lmpop", b"blmpop", b"zmpop", b"bzmpop")


def _strings(kind: str, value: object) -> object:
    """What the content rule of kind looks at: the string, a hash's fields and values, a set's
    or sorted set's members."""
    if kind == "string":
        return (value,)
    if kind == "hash":
        return (s for pair in value.items() for s in pair)  # type: ignore[attr-defined]
    return iter(value)  # type: ignore[call-overload]


# the commands that store a string as tryObjectEncoding makes it (its content tells)
_SETS_STRINGS = frozenset({b"set", b"setnx", b"setex", b"psetex", b"getset", b"mset", b"msetnx",
                           b"incr", b"decr", b"incrby", b"decrby", b"restore"})
_MAKES_RAW = frozenset({b"append", b"setrange", b"setbit", b"bitfield", b"bitop"})
_MOVES_STRINGS = frozenset({b"rename", b"renamenx", b"move", b"swapdb", b"flushdb", b"flushall"})
_LOOK_BEFORE = frozenset({b"append", b"spop", b"sdiffstore"})
_REMOVES = frozenset({b"hdel", b"srem", b"spop", b"zrem", b"zpopmin", b"zpopmax", b"bzpopmin",
                      b"bzpopmax", b"zmpop", b"bzmpop", b"zremrangebyscore", b"zremrangebyrank",
                      b"zremrangebylex", b"expire", b"pexpire", b"expireat", b"pexpireat", b"persist"})
_ADDS = frozenset({b"hset", b"hmset", b"hsetnx", b"hincrby", b"hincrbyfloat", b"sadd", b"smove",
                   b"zadd", b"zincrby", b"geoadd", b"sort", b"sort_ro"})


def _converts(name: bytes, argv: list[bytes], key: bytes, kind: str, value: object,
              result: object) -> bool:
    """Whether the write command converted the compact container at key (t_hash.c's
    hashTypeTryConversion/hashTypeSet, t_set.c's setTypeAdd, t_zset.c's zsetAdd and SORT).
    Removals convert nothing; the commands that add are checked on what they add; any other
    (a result stored by ZUNIONSTORE, SINTERSTORE, GEOSEARCHSTORE, ...) on the whole content."""
    n = len(value)  # type: ignore[arg-type]
    if name in _REMOVES:
        return False
    if name not in _ADDS:
        return enc.content_encoding(kind, n, _strings(kind, value)) == enc.CONVERTED[kind]
    if kind == "hash":
        if n > enc.HASH_MAX_LISTPACK_ENTRIES:
            return True
        if name in (b"hset", b"hmset"):  # every argument is checked before anything is stored
            return any(len(a) > enc.HASH_MAX_LISTPACK_VALUE for a in argv[2:])
        if name == b"hsetnx":
            return result == 1 and any(len(a) > enc.HASH_MAX_LISTPACK_VALUE for a in argv[2:4])
        if name in (b"hincrby", b"hincrbyfloat"):
            return len(argv[2]) > enc.HASH_MAX_LISTPACK_VALUE
        return False
    if kind == "set":
        if n > enc.SET_MAX_INTSET_ENTRIES:
            return True
        if name == b"sadd":
            return not all(enc.is_integer(m) for m in argv[2:])
        if name == b"smove":
            return key == argv[2] and result == 1 and not enc.is_integer(argv[3])
        return False
    if name in (b"sort", b"sort_ro"):
        return key == argv[1]
    if n > enc.ZSET_MAX_LISTPACK_ENTRIES:
        return True
    if name in (b"zadd", b"zincrby", b"geoadd"):
        return any(len(a) > enc.ZSET_MAX_LISTPACK_VALUE and a in value  # type: ignore[operator]
                   for a in argv[2:])
    return False


def _string_set(name: bytes, argv: list[bytes], result: object) -> bool:
    """Whether a command that sets strings did set them: SET with NX or XX, SETNX and MSETNX
    may leave the key as it was (and its encoding with it)."""
    if name in (b"setnx", b"msetnx"):
        return result == 1
    if name != b"set":
        return True
    options = {a.lower() for a in argv[3:]}
    if not options & {b"nx", b"xx"}:
        return True
    if b"get" not in options:
        return result is not None  # OK, or nil when the condition failed
    return (result is None) == (b"nx" in options)  # GET: the old value, nil when there was none


def _made_raw(name: bytes, argv: list[bytes], before: object, result: object) -> bool:
    """Whether the string command left its key raw (dbUnshareStringValue, or a value built
    in place): APPEND to an existing key, SETRANGE of a non-empty value, SETBIT, BITFIELD with
    a SET or INCRBY, BITOP."""
    if name == b"append":
        return bool(before)
    if name == b"setrange":
        return len(argv) == 4 and len(argv[3]) > 0
    if name == b"bitfield":
        return any(a.lower() in (b"set", b"incrby") for a in argv[2:])
    return True


# commands Redis 7.0 answers with a set under RESP3 (addReplySetLen), where fakeredis gives an array
_SET_REPLIES = frozenset({b"smembers", b"sinter", b"sunion", b"sdiff"})


def _replies_a_set(argv: list[bytes]) -> bool:
    name = argv[0].lower()
    return name in _SET_REPLIES or (name == b"spop" and len(argv) == 3)


_EXPIRE_TIME = b"ERR invalid expire time in "
_INPUT_KEY = b"ERR at least 1 input key is needed for "
# fakeredis's texts that Redis words otherwise, whatever the command
_TEXTS = {
    b"numkeys should be greater than 0": b"ERR numkeys should be greater than 0",
    b"ERR BITOP NOT must be called with a single source key":
        b"ERR BITOP NOT must be called with a single source key.",
    b"ERR min or max not a valid string range item": b"ERR min or max not valid string range item",
}
_NX_XX = b"ERR NX and XX, GT or LT options at the same time are not compatible"
_NOT_INTEGER = b"ERR value is not an integer or out of range"


def _redis_error(reply: object, argv: list[bytes]) -> object:
    """fakeredis's replies that Redis words otherwise. Errors: ``invalid expire time in 'set'
    command`` and ``at least 1 input key is needed for 'zunion' command`` (the command named,
    quoted), the ``ERR`` code LPOS's RANK and the numkeys refusals lack, EXPIRE's GT with LT
    (Redis names that pair when NX is not given), ZPOPMIN/ZPOPMAX's count and ZRANGE's ranks
    that are no integers. XPENDING's summary gives each consumer's count as a bulk string; a pop
    that finds nothing with a count (LPOP, RPOP, LMPOP, ZMPOP) a null array."""
    name = argv[0].lower()
    if reply is None and (name in _MPOPS or len(argv) == 3 and name in (b"lpop", b"rpop")):
        return NULL_ARRAY  # nothing popped: a null array, not a null string
    if reply.__class__ is not ErrorReply:
        if reply.__class__ is list and len(argv) == 3 and argv[0].lower() == b"xpending" \
                and len(reply) == 4 and reply[3].__class__ is list:  # type: ignore[arg-type]
            consumers = [[c[0], b"%d" % c[1] if c[1].__class__ is int else c[1]]
                         for c in reply[3]]  # type: ignore[index]
            return [*reply[:3], consumers]  # type: ignore[index]
        return reply
    text = reply.text  # type: ignore[attr-defined]
    if text.startswith(_EXPIRE_TIME):
        cmd = text[len(_EXPIRE_TIME):]
        if cmd and b" " not in cmd and b"'" not in cmd:
            return ErrorReply(b"%s'%s' command" % (_EXPIRE_TIME, cmd))
    elif text.startswith(_INPUT_KEY):
        return ErrorReply(b"%s'%s' command" % (_INPUT_KEY, name))
    elif text.startswith(b"RANK can't be zero"):
        return ErrorReply(b"ERR " + text)
    elif text in _TEXTS:
        return ErrorReply(_TEXTS[text])
    elif text == _NX_XX and b"nx" not in [a.lower() for a in argv[3:]]:
        return ErrorReply(b"ERR GT and LT options at the same time are not compatible")
    elif text == _NOT_INTEGER and name in (b"zpopmin", b"zpopmax"):
        return ErrorReply(b"ERR value is out of range, must be positive")
    elif text == b"ERR min or max is not a float" and (name == b"zrevrange" or name in _RANGE_OPTIONS
                                                       and not {b"byscore", b"bylex"}
                                                       & {a.lower() for a in argv[_RANGE_OPTIONS[name]:]}):
        return ErrorReply(_NOT_INTEGER)
    elif text == b"ERR Wrong number of args calling Redis command from script":
        # fakeredis's own count check (HSET, MSET with a field or a key alone): the command's
        # arity refusal; a script's arity refusal is made before fakeredis is reached
        return ErrorReply(b"ERR wrong number of arguments for '%s' command" % name)
    elif text == _NOT_INTEGER and name in _NUMKEYS and not _is_long(argv[_NUMKEYS[name]]):
        return ErrorReply(b"ERR numkeys should be greater than 0")
    return reply


# where the numkeys argument is, for the commands that refuse it as "should be greater than 0"
# whatever is wrong with it (getRangeLongFromObjectOrReply with that message)
_RANGE_OPTIONS = {b"zrange": 4, b"zrangestore": 5}  # where the options start
_NUMKEYS = {b"sintercard": 1, b"lmpop": 1, b"zmpop": 1, b"blmpop": 2, b"bzmpop": 2}


def _is_long(arg: bytes) -> bool:
    return string2ll(arg) is not None


def _reply(v: object) -> object:
    """fakeredis's result values as reply values."""
    from fakeredis._helpers import SimpleError, SimpleString

    cls = v.__class__
    if cls is bytes or cls is int or v is None or cls is bool:
        return v
    if isinstance(v, SimpleString):
        return Status(v.value)
    if isinstance(v, SimpleError):
        return ErrorReply(v.value.encode("utf-8", "surrogateescape"))
    if isinstance(v, (list, tuple)):
        return [_reply(x) for x in v]
    if isinstance(v, dict):
        return Map(tuple((_reply(k), _reply(x)) for k, x in v.items()))
    if isinstance(v, (set, frozenset)):
        return SetReply(tuple(_reply(x) for x in v))
    if isinstance(v, float):
        from vm.redis.reply import Double

        return Double(v)
    if isinstance(v, str):
        return v.encode("utf-8", "surrogateescape")
    if isinstance(v, int):
        return int(v)
    if isinstance(v, bytes):
        return bytes(v)
    return ErrorReply(b"ERR ferrous: unexpected reply from the embedded keyspace: %r" % (v,))
