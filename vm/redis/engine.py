"""The script engine: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT as Redis 7.0 runs them
(eval.c's evalGenericCommand, luaCreateFunction, luaCallFunction), against a keyspace.

One engine is one Redis scripting state: one Lua environment (``environment``), one script
cache, one random generator. Every call answers with a reply value (``vm.redis.reply``): a
script's result converted as Redis converts it, or an ``ErrorReply`` with Redis's text.

A run is a call of ``xpcall(script, __redis__err__handler)`` on the engine's Session, driven in
slices so that the engine's limits (wall-clock seconds, instructions, heap bytes) can end it:
then the script is killed with ``ERR Script killed ...`` and the position it had reached, as
Redis's SCRIPT KILL reports it. ``prepare``/``finish`` split a run so that a debugger can drive
the Session itself in between.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from vm.errors import LoadError
from vm.redis.api import LOG_NAMES, sha1hex
from vm.redis.cache import CachedScript, ScriptCache
from vm.redis.commands import client_call_error, string2ll
from vm.redis.convert import lua_to_reply, map_newlines
from vm.redis.environment import CHUNKNAME, HANDLER_NAME, build_environment, set_keys_and_args
from vm.redis.errors import compile_error_reply, frame_line, script_error_reply
from vm.redis.flavor import REDIS, Flavor
from vm.redis.function_lua import CALL_WITH_HANDLER, FunctionInfo, FunctionLua
from vm.redis.functions import FunctionLibraries, LoadFailure, function_command
from vm.redis.keyspace import Keyspace, open_keyspace
from vm.redis.lrand48 import Lrand48
from vm.redis.reply import ErrorReply, Status
from vm.redis.run import CallRecord, ScriptRun
from vm.redis.shebang import ShebangError, parse_shebang
from vm.runtime.limits import Guard
from vm.session import SLICE, Limits, Session

NOSCRIPT = ErrorReply(b"NOSCRIPT No matching script. Please use EVAL.")
_RO_WRITE = ErrorReply(b"ERR Can not execute a script with write flag using *_ro command.")
_NO_FUNCTION = ErrorReply(b"ERR Function not found")

SCRIPT_HELP = (
    b"DEBUG (YES|SYNC|NO)",
    b"    Set the debug mode for subsequent scripts executed.",
    b"EXISTS <sha1> [<sha1> ...]",
    b"    Return information about the existence of the scripts in the script cache.",
    b"FLUSH [ASYNC|SYNC]",
    b"    Flush the Lua scripts cache. Very dangerous on replicas.",
    b"    When called without the optional mode argument, the behavior is determined by the",
    b"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    b"    * ASYNC: Asynchronously flush the scripts cache.",
    b"    * SYNC: Synchronously flush the scripts cache.",
    b"KILL",
    b"    Kill the currently executing Lua script.",
    b"LOAD <script>",
    b"    Load a script into the scripts cache without executing it.",
)


class EngineListener(Protocol):
    """What a front end may want to see of a run (all optional: see ``ScriptEngine``)."""

    def on_call(self, record: CallRecord) -> None: ...

    def on_log(self, level: int, message: bytes) -> None: ...

    def on_breakpoint(self) -> bool: ...

    def on_debug(self, values: list) -> None: ...


@dataclass(slots=True)
class PreparedRun:
    """A run ready to start: call ``fn`` with ``args`` on ``session`` (EVAL's Lua state or the
    functions'), then give the results to ``engine.finish`` (or the reason it stopped to
    ``engine.kill``). ``name`` is what error replies call it: the script's SHA1 or the
    function's name."""

    name: bytes
    session: Session
    run: ScriptRun
    fn: object
    args: list


class ScriptKilled(Exception):
    """A limit ended a run; ``where`` is the script's position when the limit struck inside a
    library call or an allocation (the run is abandoned before the reply is made)."""

    def __init__(self, reason: str, where: tuple[bytes, int] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where


class ScriptEngine:
    """Redis's scripting, on a keyspace (embedded by default)."""

    def __init__(self, keyspace: Keyspace | None = None, limits: Limits | None = None,
                 listener: EngineListener | None = None, flavor: Flavor = REDIS) -> None:
        self.keyspace = keyspace if keyspace is not None else open_keyspace(None)
        self.limits = limits or Limits()
        self.listener = listener
        self.flavor = flavor
        self.rand = Lrand48()  # the server's generator: SCRIPT FLUSH does not reset it
        self.run: ScriptRun | None = None
        self.logs: list[tuple[int, bytes]] = []
        self.cache = ScriptCache()
        self.session = build_environment(self, flavor)
        self._functions: FunctionLibraries | None = None

    @property
    def functions(self) -> FunctionLibraries:
        """The function libraries and their Lua state (made on first use: most runs are EVALs)."""
        if self._functions is None:
            self._functions = FunctionLibraries(FunctionLua(self, self.flavor))
        return self._functions

    # ---- ScriptHost -----------------------------------------------------------------------

    def on_call(self, record: CallRecord) -> None:
        if self.listener is not None:
            self.listener.on_call(record)

    def on_log(self, level: int, message: bytes) -> None:
        self.logs.append((level, message))
        if self.listener is not None:
            self.listener.on_log(level, message)

    def on_breakpoint(self) -> bool:
        return self.listener.on_breakpoint() if self.listener is not None else False

    def on_debug(self, values: list) -> None:
        if self.listener is not None:
            self.listener.on_debug(values)

    # ---- the script cache -----------------------------------------------------------------

    def load(self, body: bytes) -> CachedScript | ErrorReply:
        """luaCreateFunction: the cached script, or compile (and cache) it."""
        sha = sha1hex(body)
        cached = self.cache.get(sha)
        if cached is not None:
            return cached
        try:
            shebang = parse_shebang(body)
        except ShebangError as err:
            return ErrorReply(b"ERR " + err.message)
        from vm.compiler import compile_source

        try:
            proto = compile_source(body[shebang.skip:], CHUNKNAME, poll=self._compile_poll())
        except LoadError as err:
            return compile_error_reply(err.msg)
        except ScriptKilled as killed:
            return ErrorReply(b"ERR Script killed: " + killed.reason.encode() + b" (compiling it)")
        L = self.session.state
        fn = L.load(proto)
        L.registry.set_str(b"f_" + sha, fn)  # where Redis keeps it: alive for the collector
        script = CachedScript(sha, body, shebang, fn)
        self.cache.add(script)
        return script

    def _compile_poll(self):
        """The compiler's poll under the time limit: a huge script stops compiling when the
        limit passes, as a running one is killed."""
        seconds = self.limits.seconds
        if seconds is None:
            return None
        deadline = time.monotonic() + seconds

        def poll() -> None:
            if time.monotonic() > deadline:
                raise ScriptKilled(self._reason("time"))

        return poll

    def script_load(self, body: bytes) -> object:
        script = self.load(body)
        return script if script.__class__ is ErrorReply else script.sha  # type: ignore[union-attr]

    def script_exists(self, shas: list[bytes]) -> list[int]:
        return [1 if self.cache.exists(sha) else 0 for sha in shas]

    def script_flush(self) -> Status:
        """scriptingReset: a new Lua environment and an empty cache."""
        self.cache.clear()
        self.session = build_environment(self, self.flavor)
        return Status(b"OK")

    # ---- running --------------------------------------------------------------------------

    def eval(self, body: bytes, keys: list[bytes] = (), args: list[bytes] = (),  # type: ignore[assignment]
             *, ro: bool = False) -> object:
        script = self.load(body)
        if script.__class__ is ErrorReply:
            return script
        return self.execute(script, keys, args, ro=ro)  # type: ignore[arg-type]

    def evalsha(self, sha: bytes, keys: list[bytes] = (), args: list[bytes] = (),  # type: ignore[assignment]
                *, ro: bool = False) -> object:
        script = self.cache.get(sha) if len(sha) == 40 else None
        if script is None:
            return NOSCRIPT
        return self.execute(script, keys, args, ro=ro)

    def execute(self, script: CachedScript, keys: list[bytes], args: list[bytes], *,
                ro: bool = False) -> object:
        prepared = self.prepare(script, keys, args, ro=ro)
        if prepared.__class__ is ErrorReply:
            return prepared
        return self._complete(prepared)  # type: ignore[arg-type]

    def _complete(self, prepared: PreparedRun) -> object:
        try:
            results = self._drive(prepared)
        except ScriptKilled as killed:
            return self.kill(prepared, killed.reason, killed.where)
        except BaseException:
            # an internal error (a bug) or an interrupt: the next script must start clean, on
            # the caller's database with the clock running, whatever this one did
            prepared.session._abandon()
            self._end()
            raise
        return self.finish(prepared, results)

    def prepare(self, script: CachedScript, keys: list[bytes], args: list[bytes], *,
                ro: bool = False) -> PreparedRun | ErrorReply:
        """scriptPrepareForRun + luaCallFunction's set-up: KEYS, ARGV, the run's context."""
        if ro and not script.shebang.compat and not script.shebang.no_writes:
            return _RO_WRITE
        run = ScriptRun(script.sha, read_only=ro or script.shebang.no_writes)
        self.run = run
        self.keyspace.start_script()
        set_keys_and_args(self.session, list(keys), list(args))
        g = self.session.state.globals
        return PreparedRun(script.sha, self.session, run, g.get_str(b"xpcall"),
                           [script.fn, g.get_str(HANDLER_NAME)])

    # ---- functions ------------------------------------------------------------------------

    def function_load(self, code: bytes, *, replace: bool = False) -> object:
        """FUNCTION LOAD [REPLACE]: the library's name, or the error reply."""
        try:
            return self.functions.load(code, replace)
        except LoadFailure as failure:
            return ErrorReply(b"ERR " + map_newlines(failure.message))

    def fcall(self, name: bytes, keys: list[bytes] = (), args: list[bytes] = (),  # type: ignore[assignment]
              *, ro: bool = False) -> object:
        """FCALL / FCALL_RO of a loaded function."""
        prepared = self.prepare_function(name, keys, args, ro=ro)
        if prepared.__class__ is ErrorReply:
            return prepared
        return self._complete(prepared)  # type: ignore[arg-type]

    def prepare_function(self, name: bytes, keys: list[bytes], args: list[bytes], *,
                         ro: bool = False) -> PreparedRun | ErrorReply:
        """fcallCommandGeneric's set-up (scriptPrepareForRun): the callback with its keys and
        arguments tables, under the functions' message handler."""
        fi = self.functions.find(name)
        if fi is None:
            return _NO_FUNCTION
        return self.prepare_found(fi, keys, args, ro=ro)

    def prepare_found(self, fi: FunctionInfo, keys: list[bytes], args: list[bytes], *,
                      ro: bool = False) -> PreparedRun | ErrorReply:
        if ro and not fi.no_writes:
            return _RO_WRITE
        lua = self.functions.lua
        run = ScriptRun(fi.name, read_only=ro or fi.no_writes)
        self.run = run
        self.keyspace.start_script()
        call_args = lua.call_arguments(list(keys), list(args))
        return PreparedRun(fi.name, lua.session, run, CALL_WITH_HANDLER,
                           [fi.callback, lua.handler, *call_args])

    def finish(self, prepared: PreparedRun, results: list) -> object:
        """The reply for a run that ended with xpcall's results."""
        self._end()
        ok = results[0] if results else False
        value = results[1] if len(results) > 1 else None
        if ok:
            return lua_to_reply(value, prepared.run.resp)
        return script_error_reply(value, prepared.name)

    def kill(self, prepared: PreparedRun, reason: str, where: tuple[bytes, int] | None = None) -> object:
        """The reply for a run a limit ended: Redis's SCRIPT KILL reply with our reason."""
        if where is None:
            where = _position(prepared.session)
        prepared.session._abandon()
        self._end()
        text = b"ERR Script killed: " + reason.encode()
        if where is not None:
            text += b" script: %s, on %s:%d." % (prepared.name, where[0], where[1])
        return ErrorReply(text)

    def _end(self) -> None:
        self.run = None
        self.keyspace.end_script()

    def _drive(self, prepared: PreparedRun) -> list:
        """Run to the end in slices, checking the limits between slices (and, through the
        state's guard, inside long library calls and before large allocations)."""
        session = prepared.session
        L = session.state
        lim = self.limits
        start = time.monotonic()
        saved = L.guard
        if lim.seconds is not None or lim.memory is not None:
            L.guard = Guard(lambda kind: self._killed(session, kind), lim.memory,
                            None if lim.seconds is None else start + lim.seconds)
        try:
            return self._slices(prepared, start)
        finally:
            L.guard = saved

    def _reason(self, kind: str) -> str:
        lim = self.limits
        if kind == "memory":
            return f"it used more than the memory limit ({lim.memory} bytes)"
        return f"it ran longer than the time limit ({lim.seconds:g} s)"

    def _killed(self, session: Session, kind: str) -> ScriptKilled:
        """The guard's stop: the kill, with where the script is now."""
        return ScriptKilled(self._reason(kind), _position(session, running=True))

    def _slices(self, prepared: PreparedRun, start: float) -> list:
        session = prepared.session
        L = session.state
        lim = self.limits
        ran = 0
        session.start(prepared.fn, prepared.args)
        while True:
            step = SLICE if lim.instructions is None else max(min(SLICE, lim.instructions - ran), 1)
            done = session.step(step)
            ran += step - max(L.budget, 0)
            if done:
                return session.results()
            if lim.seconds is not None and time.monotonic() - start > lim.seconds:
                raise ScriptKilled(self._reason("time"))
            if lim.instructions is not None and ran >= lim.instructions:
                raise ScriptKilled(f"it ran more than the instruction limit ({lim.instructions})")
            if lim.memory is not None and L.heap.count() > lim.memory:
                L.collect()
                if L.heap.count() > lim.memory:
                    raise ScriptKilled(self._reason("memory"))

    # ---- commands -------------------------------------------------------------------------

    def command(self, argv: list[bytes]) -> object:
        """One command as a client sends it: the scripting commands run here, the others in the
        keyspace."""
        if not argv:
            return ErrorReply(b"ERR empty command")
        name = argv[0].lower()
        handler = _SCRIPTING.get(name)
        if handler is None:
            return self.keyspace.execute(list(argv))
        refused = client_call_error(self.keyspace.commands, argv)
        if refused is not None:
            return ErrorReply(refused)
        return handler(self, argv)

    def _eval_command(self, argv: list[bytes]) -> object:
        name = argv[0].lower()
        split = _keys_and_args(argv, b"ERR value is not an integer or out of range")
        if split.__class__ is ErrorReply:
            return split
        keys, args = split  # type: ignore[misc]
        ro = name.endswith(b"_ro")
        if name.startswith(b"evalsha"):
            return self.evalsha(argv[1], keys, args, ro=ro)
        return self.eval(argv[1], keys, args, ro=ro)

    def _fcall_command(self, argv: list[bytes]) -> object:
        """FCALL / FCALL_RO name numkeys key ... arg ...: the function is looked up first."""
        fi = self.functions.find(argv[1])
        if fi is None:
            return _NO_FUNCTION
        split = _keys_and_args(argv, b"ERR Bad number of keys provided")
        if split.__class__ is ErrorReply:
            return split
        keys, args = split  # type: ignore[misc]
        prepared = self.prepare_found(fi, keys, args, ro=argv[0].lower() == b"fcall_ro")
        if prepared.__class__ is ErrorReply:
            return prepared
        return self._complete(prepared)  # type: ignore[arg-type]

    def _function_command(self, argv: list[bytes]) -> object:
        return function_command(self.functions, argv)

    def _script_command(self, argv: list[bytes]) -> object:
        sub = argv[1].lower()
        if sub == b"help":
            return [Status(b"SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                    *map(Status, SCRIPT_HELP), Status(b"HELP"), Status(b"    Prints this help.")]
        if sub == b"flush":
            if len(argv) == 3 and argv[2].lower() not in (b"sync", b"async") or len(argv) > 3:
                return ErrorReply(b"ERR SCRIPT FLUSH only support SYNC|ASYNC option")
            return self.script_flush()
        if sub == b"exists":
            return self.script_exists(list(argv[2:]))
        if sub == b"load":
            return self.script_load(argv[2])
        if sub == b"kill":
            return ErrorReply(b"NOTBUSY No scripts in execution right now.")
        if sub == b"debug":
            return ErrorReply(b"ERR ferrous: SCRIPT DEBUG is not supported here, "
                              b"use 'ferrous debug --redis'")
        return ErrorReply(b"ERR unknown subcommand '%s'. Try SCRIPT HELP." % argv[1][:128])

    def log_lines(self) -> list[str]:
        """The redis.log lines so far, as ``level: message``."""
        return [f"{LOG_NAMES[level]}: {msg.decode('utf-8', 'replace')}" for level, msg in self.logs]

    def close(self) -> None:
        self.keyspace.close()


_SCRIPTING = {
    b"eval": ScriptEngine._eval_command,
    b"evalsha": ScriptEngine._eval_command,
    b"eval_ro": ScriptEngine._eval_command,
    b"evalsha_ro": ScriptEngine._eval_command,
    b"script": ScriptEngine._script_command,
    b"fcall": ScriptEngine._fcall_command,
    b"fcall_ro": ScriptEngine._fcall_command,
    b"function": ScriptEngine._function_command,
}


def _position(session: Session, running: bool = False) -> tuple[bytes, int] | None:
    """Where the paused script is: the innermost Lua function's source and the line of the
    instruction it runs next (where Redis's count hook would fire); ``running``: of the
    instruction it runs now (a limit struck inside a library call or an allocation)."""
    frames = session.state.frames
    for i in range(len(frames) - 1, -1, -1):
        f = frames[i]
        if f.cl is not None:
            pc = f.pc if i == len(frames) - 1 and not running else f.pc - 1
            line = frame_line(f, min(pc, len(f.cl.p.proto.lineinfo) - 1))
            return f.cl.p.proto.source or b"=?", line
    return None


def _keys_and_args(argv: list[bytes], not_a_number: bytes) -> tuple[list[bytes], list[bytes]] | ErrorReply:
    """EVAL's and FCALL's ``numkeys key ... arg ...`` (from argv[2]), or the error reply; they
    differ only in the text for a numkeys that is not a number."""
    numkeys = string2ll(argv[2])
    if numkeys is None:
        return ErrorReply(not_a_number)
    if numkeys > len(argv) - 3:
        return ErrorReply(b"ERR Number of keys can't be greater than number of args")
    if numkeys < 0:
        return ErrorReply(b"ERR Number of keys can't be negative")
    return list(argv[3:3 + numkeys]), list(argv[3 + numkeys:])
