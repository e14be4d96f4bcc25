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
"""

from __future__ import annotations

import time

from vm.redis.commands import CommandTable, client_call_error
from vm.redis.own_commands import UNHANDLED, own_command, set_order
from vm.redis.reply import ErrorReply, Map, SetReply, Status

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
            reply = own(lambda a: self.execute(a, resp), argv)
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
                    return _reply(exc)
                result = _reply(sock._run_command(func, sig, args, from_script))
        finally:
            sock._script_resp = None
            sock._in_transaction = saved_tx
        if result.__class__ is list and _replies_a_set(argv):
            result = set_order(result)  # type: ignore[arg-type]
            if resp == 3:
                return SetReply(tuple(result))  # type: ignore[arg-type]
        return result

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
        """A copy of every database, the selected one and fakeredis's random generator (SPOP,
        SRANDMEMBER, RANDOMKEY): what ``restore`` puts back (the debugger going back in time)."""
        import copy
        import random

        dbs = {n: (copy.deepcopy(db._dict), list(db._expiry_heap), db.time)
               for n, db in self._server.dbs.items() if db._dict}
        return dbs, self._sock._db_num, random.getstate(), self._frozen

    def restore(self, token: object) -> None:
        import copy
        import random

        dbs, selected, rand, self._frozen = token  # type: ignore[misc]
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
        random.setstate(rand)

    def close(self) -> None:
        self._sock.close()


# commands Redis 7.0 answers with a set under RESP3 (addReplySetLen), where fakeredis gives an array
_SET_REPLIES = frozenset({b"smembers", b"sinter", b"sunion", b"sdiff"})


def _replies_a_set(argv: list[bytes]) -> bool:
    name = argv[0].lower()
    return name in _SET_REPLIES or (name == b"spop" and len(argv) == 3)


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
