"""A Redis script under the step debugger: EVAL's run, driven by ``vm.debugger.Debugger``.

The script function itself is debugged (not ``xpcall(script, handler)`` as ``ScriptEngine``
runs it: a suspended xpcall could not be copied into checkpoints); what Redis's message handler
makes of an error that ends the script is computed at the error point (``on_uncaught``), so the
reply is the one EVAL gives.

Going back in time replays from a checkpoint, so what the script changed outside the Lua state
goes back too (this object is the debugger's ``external`` state): the run record (the
``redis.call`` log, ``redis.setresp``), Redis's random generator, and for the embedded keyspace
its databases. A real server (``--url``) cannot be rewound: each ``redis.call`` reply is logged
on the state's tape in the first run and a replay reads it from there, sending nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, replace

from vm.debugger import Debugger, Stop
from vm.errors import LuaError
from vm.redis.cache import CachedScript
from vm.redis.convert import lua_to_reply
from vm.redis.engine import ScriptEngine
from vm.redis.environment import CHUNKNAME
from vm.redis.errors import frame_line, handle_error, script_error_reply
from vm.redis.function_lua import CHUNKNAME as FUNCTION_CHUNKNAME
from vm.redis.keyspace import Keyspace
from vm.redis.reply import ErrorReply, Status
from vm.redis.run import CallRecord
from vm.runtime.function import LuaFunction
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable
from vm.session import Session

KEY_LIMIT = 200  # keys the keyspace view reads at most
ITEM_LIMIT = 50  # elements of a list, hash, set or sorted set it reads at most


class ScriptLoadError(Exception):
    """The script does not compile (or its shebang is bad): EVAL's error reply."""

    def __init__(self, reply: ErrorReply) -> None:
        super().__init__(reply.text.decode("utf-8", "replace"))
        self.reply = reply


@dataclass(frozen=True, slots=True)
class KeyView:
    """One key of the keyspace as the panel shows it."""

    key: bytes
    type: str  # string, list, hash, set, zset, stream, ...
    value: tuple[bytes, ...]  # a string's value; a list's, set's elements; a hash's fields and values
    ttl: int  # seconds left, -1 none


@dataclass(frozen=True, slots=True)
class RedisView:
    """What the Redis panels show after a command."""

    keys: tuple[KeyView, ...]
    changed: frozenset[bytes]  # keys whose type or value the last command changed (or removed)
    calls: tuple[CallRecord, ...]
    new_calls: int  # how many of ``calls`` (at the end) the last command made
    reply: object  # EVAL's reply once the script has ended, else None
    done: bool
    more_keys: bool  # the keyspace holds more than KEY_LIMIT keys


class _ReplayedKeyspace:
    """A real server behind the debugger: a script's commands are sent once; their replies are
    logged on the state's tape and a replay reads them back (``LuaState.outside``)."""

    def __init__(self, inner: Keyspace, state: Callable[[], LuaState]) -> None:
        self.inner = inner
        self._state = state
        self.commands = inner.commands

    def execute(self, argv: list[bytes], resp: int = 2, *, from_script: bool = False) -> object:
        if not from_script:
            return self.inner.execute(argv, resp)
        return self._state().outside(lambda: self.inner.execute(argv, resp, from_script=True))

    def start_script(self) -> None:
        self.inner.start_script()

    def end_script(self) -> None:
        self.inner.end_script()

    def describe(self) -> str:
        return self.inner.describe()

    def close(self) -> None:
        self.inner.close()


@dataclass(frozen=True, slots=True)
class DebugTarget:
    """What a debug session runs: a function (with its arguments) on a Lua session, the name
    error replies give it (a script's SHA1, a function's name), and the source to show (the
    whole file, shebang included: the code compiled starts at the shebang's newline, so the
    line numbers agree)."""

    session: Session
    fn: object
    args: list
    name: bytes
    chunkname: bytes
    source: bytes


class RedisDebugSession:
    """One script run (EVAL) or function call (FCALL) under the debugger, on an engine (whose
    keyspace holds the data). ``RedisDebugSession(engine, body, keys, args)`` debugs a script;
    ``RedisDebugSession.function(engine, library, name, keys, args)`` a function of a library
    (loaded as FUNCTION LOAD REPLACE). Both raise ScriptLoadError with the reply Redis would
    give when the script does not compile, the library does not load or the call is refused."""

    def __init__(self, engine: ScriptEngine, body: bytes, keys: list[bytes], args: list[bytes]) -> None:
        self._attach(engine)
        script = engine.load(body)
        if script.__class__ is ErrorReply:
            raise ScriptLoadError(script)  # type: ignore[arg-type]
        self.script: CachedScript | None = script  # type: ignore[assignment]
        prepared = engine.prepare(script, keys, args)  # type: ignore[arg-type]
        if prepared.__class__ is ErrorReply:
            raise ScriptLoadError(prepared)  # type: ignore[arg-type]
        self.command = "EVAL"
        self._start(DebugTarget(engine.session, self.script.fn, [], self.script.sha,  # type: ignore[union-attr]
                                CHUNKNAME, body))

    @classmethod
    def function(cls, engine: ScriptEngine, library: bytes, name: bytes, keys: list[bytes],
                 args: list[bytes], *, ro: bool = False) -> RedisDebugSession:
        """The call of function ``name`` of ``library`` (its code, shebang included), as
        ``FUNCTION LOAD REPLACE`` then ``FCALL`` (``FCALL_RO`` with ``ro``) would make it."""
        self = cls.__new__(cls)
        self._attach(engine)
        self.script = None
        self.command = "FCALL_RO" if ro else "FCALL"
        loaded = engine.function_load(library, replace=True)
        if loaded.__class__ is ErrorReply:
            raise ScriptLoadError(loaded)  # type: ignore[arg-type]
        prepared = engine.prepare_function(name, keys, args, ro=ro)
        if prepared.__class__ is ErrorReply:
            raise ScriptLoadError(prepared)  # type: ignore[arg-type]
        lua = engine.functions.lua
        fn, args_tables = prepared.args[0], prepared.args[2:]  # type: ignore[union-attr]
        self._start(DebugTarget(lua.session, fn, list(args_tables), prepared.name,  # type: ignore[union-attr]
                                FUNCTION_CHUNKNAME, library), [lua, engine.functions])
        return self

    @classmethod
    def console(cls, console, code: bytes, chunkname: bytes = b"=(debug)") -> RedisDebugSession:
        """Code typed at ``ferrous redis repl``'s ``:debug``: compiled as the console compiles
        its input (session locals), run in the console's run, the keyspace going back with the
        debugger as a script's does. Raises LoadError when it does not compile; ``detach()``
        gives the engine back to the console afterwards (``close()`` would close it)."""
        engine = console.engine
        fn = console.load(code, chunkname)
        self = cls.__new__(cls)
        self._given_back = (engine.keyspace, engine.listener)
        self._attach(engine)
        self.script = None
        self.command = "EVAL"
        self._start(DebugTarget(engine.session, fn, [], b"", chunkname, code))
        return self

    def detach(self) -> None:
        """Give the engine back as it was before ``console`` (its keyspace and listener)."""
        given = getattr(self, "_given_back", None)
        if given is not None:
            self.engine.keyspace, self.engine.listener = given

    def _attach(self, engine: ScriptEngine) -> None:
        self.engine = engine
        self.keyspace = engine.keyspace  # the keyspace itself, for the panel's reads
        self.rewinds = callable(getattr(self.keyspace, "snapshot", None))
        self.debugger: Debugger | None = None
        if not self.rewinds:
            engine.keyspace = _ReplayedKeyspace(self.keyspace, lambda: self.debugger.state)  # type: ignore[union-attr]
        engine.listener = self

    def _start(self, target: DebugTarget, shared_more: list[object] | None = None) -> None:
        self.target = target
        self.name = target.name
        self.chunkname = target.chunkname
        self.source = target.source
        self._failure_value: object = None
        engine = self.engine
        shared: list[object] = [engine, engine.session, self, *(shared_more or [])]  # never copied
        redis_table = _api_table(target.session)
        call = redis_table.get_str(b"call") if redis_table is not None else None  # type: ignore[union-attr]
        api = getattr(getattr(call, "fn", None), "__self__", None)
        if api is not None:
            shared.append(api)
        self.debugger = Debugger(target.session, target.fn, target.args, external=self, shared=shared,
                                 on_uncaught=self._uncaught)
        # redis.breakpoint() stops right where it is called only when running an instruction at a time
        self.debugger.fine_stepping = _calls_breakpoint(target.fn)
        self._last_keys: dict[bytes, tuple[str, tuple[bytes, ...]]] = {}
        self._last_calls = 0
        self.view()

    # --- the debugger's external state ------------------------------------------------------

    def snapshot(self) -> object:
        e = self.engine
        run = e.run
        saved_run = replace(run, calls=list(run.calls)) if run is not None else None
        data = self.keyspace.snapshot() if self.rewinds else None  # type: ignore[attr-defined]
        return saved_run, copy.copy(e.rand), data

    def restore(self, token: object) -> None:
        run, rand, data = token  # type: ignore[misc]
        e = self.engine
        e.run = replace(run, calls=list(run.calls)) if run is not None else None
        e.rand = copy.copy(rand)
        if data is not None:
            self.keyspace.restore(data)  # type: ignore[attr-defined]

    # --- the engine's listener --------------------------------------------------------------

    def on_call(self, record: CallRecord) -> None:
        pass  # the run keeps the log (``engine.run.calls``), rewound with it

    def on_log(self, level: int, message: bytes) -> None:
        from vm.redis.api import LOG_NAMES

        self._write(b"redis.log(%s): %s\n" % (LOG_NAMES[level].encode(), message))

    def on_breakpoint(self) -> bool:
        if self.debugger is not None:
            self.debugger.request_stop(f"redis.breakpoint() on line {self._line()}")
        return True

    def on_debug(self, values: list) -> None:
        """redis.debug(...): a line of the output, as Redis's debugger writes it."""
        text = ", ".join(_lua_repr(v) for v in values)
        self._write(f"<debug> line {self._line()}: {text}\n".encode("utf-8", "surrogateescape"))

    def _write(self, data: bytes) -> None:
        if self.debugger is not None:
            self.debugger.state.out.write(data)  # part of the state: going back takes it back

    def _line(self) -> int:
        frames = self.debugger.state.frames if self.debugger is not None else []
        for f in reversed(frames):
            if f.cl is not None:
                return frame_line(f, f.pc - 1)
        return -1

    def _uncaught(self, L: LuaState, err: LuaError) -> None:
        """What Redis's message handler makes of the error ending the script, at its point."""
        L.handler_c_top = L.inline_c_function()
        try:
            self._failure_value = handle_error(L, [err.value])[0]
        except LuaError:
            self._failure_value = b"error in error handling"
        finally:
            L.handler_c_top = False

    # --- what a front end reads -------------------------------------------------------------

    def reply(self) -> object:
        """EVAL's reply once the script has ended (None while it runs)."""
        d = self.debugger
        if d is None or not d.done:
            return None
        if d.failure is not None:
            return script_error_reply(self._failure_value, self.name)
        results = d.results
        run = self.engine.run
        return lua_to_reply(results[0] if results else None, run.resp if run is not None else 2)

    def pending_error_text(self) -> str | None:
        """The ``err`` text of an error table the script is stopped on (a ``redis.call``
        error, ``error({err=...})``), which a plain Lua debugger only calls a table."""
        d = self.debugger
        err = d.pending_error if d is not None else None
        value = err.value if err is not None else None
        if value.__class__ is not LuaTable:
            return None
        text = value.get_str(b"err")  # type: ignore[attr-defined]
        return text.decode("utf-8", "backslashreplace") if text.__class__ is bytes else None  # type: ignore[attr-defined]

    def calls(self) -> tuple[CallRecord, ...]:
        run = self.engine.run
        return tuple(run.calls) if run is not None else ()

    def run_to_end(self) -> object:
        """Continue (over redis.breakpoint stops and errors) until the script ends; the reply."""
        d = self.debugger
        assert d is not None
        stop: Stop | None = None
        while not d.done:
            stop = d.continue_()
            if stop.reason == "paused":
                break
        return self.reply()

    def view(self) -> RedisView:
        """The keyspace (database of the connection), the call log and the reply now; keys and
        calls changed since the previous view are marked."""
        keys, more = self.read_keys()
        now = {k.key: (k.type, k.value) for k in keys}
        before = self._last_keys
        changed = frozenset(k for k in set(now) | set(before) if now.get(k) != before.get(k))
        self._last_keys = now
        calls = self.calls()
        new = max(len(calls) - self._last_calls, 0)
        self._last_calls = len(calls)
        d = self.debugger
        return RedisView(keys, changed, calls, new, self.reply(), bool(d and d.done), more)

    def read_keys(self) -> tuple[tuple[KeyView, ...], bool]:
        """The keys (at most KEY_LIMIT, sorted) with their type, value and time to live."""
        ks = self.keyspace
        found: list[bytes] = []
        cursor = b"0"
        for _ in range(1000):
            reply = ks.execute([b"SCAN", cursor, b"COUNT", b"1000"])
            if not isinstance(reply, list) or len(reply) != 2:
                break
            cursor = bytes(reply[0])
            found.extend(k for k in reply[1] if isinstance(k, bytes))
            if cursor == b"0" or len(found) > KEY_LIMIT:
                break
        names = sorted(set(found))
        more = len(names) > KEY_LIMIT or cursor != b"0"
        out = []
        for key in names[:KEY_LIMIT]:
            kind = ks.execute([b"TYPE", key])
            kind_s = bytes(kind).decode("ascii", "replace") if isinstance(kind, bytes) else "?"
            if kind_s == "none":
                continue
            ttl = ks.execute([b"TTL", key])
            out.append(KeyView(key, kind_s, _read_value(ks, key, kind_s),
                               ttl if isinstance(ttl, int) and not isinstance(ttl, bool) else -1))
        return tuple(out), more

    def close(self) -> None:
        self.engine.close()


_LIMIT = str(ITEM_LIMIT - 1).encode()


def _read_value(ks: Keyspace, key: bytes, kind: str) -> tuple[bytes, ...]:
    if kind == "string":
        argv = [b"GET", key]
    elif kind == "list":
        argv = [b"LRANGE", key, b"0", _LIMIT]
    elif kind == "hash":
        argv = [b"HGETALL", key]
    elif kind == "set":
        argv = [b"SMEMBERS", key]
    elif kind == "zset":
        argv = [b"ZRANGE", key, b"0", _LIMIT, b"WITHSCORES"]
    elif kind == "stream":
        argv = [b"XLEN", key]
    else:
        return ()
    reply = ks.execute(argv)
    if isinstance(reply, ErrorReply) or reply is None:
        return ()
    if isinstance(reply, int):
        return (b"%d entries" % reply,)
    if isinstance(reply, bytes):
        return (bytes(reply),)
    items = [bytes(x) if isinstance(x, bytes) else str(x).encode() for x in reply]
    if kind == "set":
        items.sort()
    return tuple(items[:2 * ITEM_LIMIT])


def _api_table(session: Session) -> LuaTable | None:
    """The ``redis`` table a session's scripts see (through the functions' globals metatable)."""
    g = session.state.globals
    for _ in range(3):
        t = g.get_str(b"redis")
        if t.__class__ is LuaTable:
            return t  # type: ignore[return-value]
        mt = g.metatable
        g = mt.get_str(b"__index") if mt is not None else None  # type: ignore[assignment]
        if g.__class__ is not LuaTable:
            return None
    return None


def _calls_breakpoint(fn: object) -> bool:
    """Does any function of the script name ``breakpoint`` (a constant of its code)?"""
    if fn.__class__ is not LuaFunction:
        return False
    stack = [fn.p.proto]  # type: ignore[attr-defined]
    while stack:
        proto = stack.pop()
        if b"breakpoint" in [k for k in proto.constants if k.__class__ is bytes]:
            return True
        stack.extend(proto.protos)
    return False


def _lua_repr(v: object, depth: int = 0) -> str:
    """A Lua value as Redis's debugger prints it (ldbCatStackValue): strings quoted, tables
    as ``{1; 2; ["k"]="v"}``."""
    from vm.runtime.numbers import number_to_bytes
    from vm.runtime.table import LuaTable

    if v is None:
        return "nil"
    if v is True or v is False:
        return "true" if v else "false"
    if v.__class__ is float:
        return number_to_bytes(v).decode()  # type: ignore[arg-type]
    if v.__class__ is bytes or v.__class__ is Status:
        return '"' + bytes(v).decode("utf-8", "backslashreplace").replace('"', '\\"') + '"'  # type: ignore[arg-type]
    if v.__class__ is LuaTable:
        if depth > 3:
            return "{...}"
        t: LuaTable = v  # type: ignore[assignment]
        parts = []
        n = t.length()
        for i in range(1, n + 1):
            parts.append(_lua_repr(t.get(float(i)), depth + 1))
        for key, val in t.items():
            if key.__class__ is float and 1 <= key <= n and key == int(key):  # type: ignore[operator]
                continue
            parts.append(f"[{_lua_repr(key, depth + 1)}]={_lua_repr(val, depth + 1)}")
        return "{" + "; ".join(parts) + "}"
    from vm.runtime.values import type_name

    return type_name(v).decode()
