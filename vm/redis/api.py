"""The ``redis`` table scripts see: redis.call, pcall, log, setresp, sha1hex, error_reply,
status_reply, set_repl, replicate_commands, breakpoint, debug, acl_check_cmd, the LOG_* and REPL_*
constants, REDIS_VERSION and REDIS_VERSION_NUM (script_lua.c, eval.c).

Every function is a library function that never calls Lua. Errors are Redis's: an ``{err=...}``
table raised as the Lua error (luaPushError + lua_error), so the script's error reply reads
``ERR <message> script: <sha1>, on @user_script:<line>.``
"""

from __future__ import annotations

import hashlib
import math
from typing import Protocol

from vm.errors import LuaError
from vm.redis.commands import script_call_error, script_client_error
from vm.redis.convert import command_args, cstr, error_table, reply_to_lua
from vm.redis.errors import frame_line
from vm.redis.flavor import REDIS, Flavor
from vm.redis.keyspace import Keyspace, KeyspaceError
from vm.redis.lrand48 import Lrand48
from vm.redis.reply import ErrorReply
from vm.redis.run import CallRecord, ScriptRun
from vm.runtime.function import Builtin
from vm.runtime.numbers import tonumber_coerce, tostring_coerce
from vm.runtime.table import LuaTable

LOG_LEVELS = {b"LOG_DEBUG": 0, b"LOG_VERBOSE": 1, b"LOG_NOTICE": 2, b"LOG_WARNING": 3}
LOG_NAMES = {0: "debug", 1: "verbose", 2: "notice", 3: "warning"}
REPL_FLAGS = {b"REPL_NONE": 0, b"REPL_AOF": 1, b"REPL_SLAVE": 2, b"REPL_REPLICA": 2, b"REPL_ALL": 3}


class ScriptHost(Protocol):
    """What the redis.* functions need from the engine running the script."""

    keyspace: Keyspace
    run: ScriptRun | None
    rand: Lrand48

    def on_call(self, record: CallRecord) -> None: ...

    def on_log(self, level: int, message: bytes) -> None: ...

    def on_breakpoint(self) -> bool: ...

    def on_debug(self, values: list) -> None: ...


def redis_error(message: bytes) -> LuaError:
    """luaPushError + luaError: the message as an ``{err="ERR ..."}`` table, raised."""
    return LuaError(error_table(message))


def sha1hex(data: bytes) -> bytes:
    return hashlib.sha1(data).hexdigest().encode()


def c_int(x: float) -> int:
    """C's (int) cast of a double on x86-64: truncation, INT_MIN when out of range or NaN."""
    if x != x or x >= 2147483648.0 or x <= -2147483649.0:
        return -(1 << 31)
    return int(x)


def to_number(v: object) -> float:
    """lua_tonumber: a number, a numeric string's value, else 0."""
    n = tonumber_coerce(v)
    return 0.0 if n is None else n


def _line(L) -> int:
    """The current line of the Lua function calling a library function."""
    f = L.frames[-1] if L.frames else None
    return -1 if f is None or f.cl is None else frame_line(f, f.pc - 1)


class RedisApi:
    """The redis.* functions bound to one host (``server.*`` in the Valkey flavor)."""

    def __init__(self, host: ScriptHost, flavor: Flavor = REDIS) -> None:
        self.host = host
        self.flavor = flavor

    def _error(self, text: bytes) -> LuaError:
        return redis_error(self.flavor.message(text))

    def _run(self, what: bytes) -> ScriptRun:
        run = self.host.run
        if run is None:
            raise self._error(what + b" can only be called inside a script invocation")
        return run

    def command(self, L, args: list, raise_error: bool) -> list:
        """luaRedisGenericCommand: check, run, convert; redis.call raises an error reply."""
        run = self._run(b"redis.call/pcall")
        if not args:
            t = error_table(b"Please specify at least one argument for this redis lib call")
            return self._fail(t, raise_error)
        argv = command_args(args)
        if argv is None:
            t = error_table(b"Lua redis lib command arguments must be strings or integers")
            return self._fail(t, raise_error)
        host = self.host
        refused = script_call_error(host.keyspace.commands, argv, run.read_only)
        if refused is None:
            refused = script_client_error(argv)
        if refused is not None:
            reply: object = ErrorReply(refused)
        else:
            try:
                reply = host.keyspace.execute(argv, run.resp, from_script=True)
            except KeyspaceError as exc:
                raise redis_error(b"ferrous: " + exc.message.encode("utf-8", "replace")) from None
        is_error = reply.__class__ is ErrorReply
        record = CallRecord(tuple(argv), reply, _line(L), is_error and raise_error)
        run.calls.append(record)
        host.on_call(record)
        value = reply_to_lua(reply, run.resp)
        if is_error and raise_error:
            raise LuaError(value)
        return [value]

    @staticmethod
    def _fail(t: LuaTable, raise_error: bool) -> list:
        if raise_error:
            raise LuaError(t)
        return [t]

    def call(self, L, args: list) -> list:
        return self.command(L, args, True)

    def pcall(self, L, args: list) -> list:
        return self.command(L, args, False)

    def log(self, L, args: list) -> list:
        """redis.log(level, ...): the pieces joined by spaces, sent to the host's log."""
        if len(args) < 2:
            raise self._error(b"redis.log() requires two arguments or more.")
        first = tonumber_coerce(args[0])  # lua_isnumber: numeric strings too
        if first is None:
            raise redis_error(b"First argument must be a number (log level).")
        level = c_int(first)
        if not 0 <= level <= 3:
            raise redis_error(b"Invalid debug level.")
        parts = []
        for j, v in enumerate(args[1:], 1):
            s = tostring_coerce(v)
            if s is not None:
                parts.append((b" " if j != 1 else b"") + s)
        self.host.on_log(level, b"".join(parts))
        return []

    def setresp(self, L, args: list) -> list:
        run = self._run(b"redis.setresp")
        if len(args) != 1:
            raise self._error(b"redis.setresp() requires one argument.")
        resp = c_int(to_number(args[0]))
        if resp not in (2, 3):
            raise redis_error(b"RESP version must be 2 or 3.")
        run.resp = resp
        return []

    def set_repl(self, L, args: list) -> list:
        run = self._run(b"redis.set_repl")
        if len(args) != 1:
            # (Valkey corrected the text: "requires one argument.")
            raise self._error(b"redis.set_repl() requires two arguments." if self.flavor is REDIS
                              else b"redis.set_repl() requires one argument.")
        flags = c_int(to_number(args[-1]))
        if flags & ~3:
            raise redis_error(b"Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or "
                              b"REPL_NONE.")
        run.repl = flags
        return []

    def sha1hex(self, L, args: list) -> list:
        if len(args) != 1:
            raise redis_error(b"wrong number of arguments")
        s = tostring_coerce(args[0])
        return [sha1hex(s if s is not None else b"")]

    def error_reply(self, L, args: list) -> list:
        if len(args) != 1 or args[0].__class__ is not bytes:
            return [error_table(b"wrong number or type of arguments")]
        text = cstr(args[0])
        return [error_table(text if text[:1] == b"-" else b"-" + text)]

    def status_reply(self, L, args: list) -> list:
        if len(args) != 1 or args[0].__class__ is not bytes:
            return [error_table(b"wrong number or type of arguments")]
        t = LuaTable()
        t.set_str(b"ok", args[0])
        return [t]

    def replicate_commands(self, L, args: list) -> list:
        return [True]

    def breakpoint(self, L, args: list) -> list:
        return [self.host.on_breakpoint()]

    def debug(self, L, args: list) -> list:
        self.host.on_debug(list(args))
        return []

    def acl_check_cmd(self, L, args: list) -> list:
        """Without ACLs every user may run every command: true for a known command."""
        self._run(b"redis.acl_check_cmd")
        if not args:
            raise redis_error(b"Please specify at least one argument for this redis lib call")
        argv = command_args(args)
        if argv is None:
            raise redis_error(b"Lua redis lib command arguments must be strings or integers")
        if self.host.keyspace.commands.lookup(argv) is None:
            raise self._error(b"Invalid command passed to redis.acl_check_cmd()")
        return [True]

    def math_random(self, L, args: list) -> list:
        """math.random on Redis's generator (redis_math_random)."""
        from vm.lib.args import arg_error, check_int

        self._run(b"math.random")
        r = (self.host.rand.next() % 0x7FFFFFFF) / 0x7FFFFFFF
        if not args:
            return [r]
        if len(args) == 1:
            u = check_int(args, 0, "random")
            if not 1 <= u:
                raise arg_error(1, "random", b"interval is empty")
            return [float(math.floor(r * u) + 1)]
        if len(args) == 2:
            lo = check_int(args, 0, "random")
            u = check_int(args, 1, "random")
            if not lo <= u:
                raise arg_error(2, "random", b"interval is empty")
            return [float(math.floor(r * (u - lo + 1)) + lo)]
        raise LuaError(b"wrong number of arguments", positioned=False)

    def math_randomseed(self, L, args: list) -> list:
        from vm.lib.args import check_int

        self._run(b"math.randomseed")
        self.host.rand.seed(c_int(float(check_int(args, 0, "randomseed"))))
        return []

    def table(self, *, eval_only: bool = True) -> LuaTable:
        """The ``redis`` table (its global name is set by the environment): luaRegisterRedisAPI's
        functions, and with ``eval_only`` those scriptingInit adds for EVAL (breakpoint, debug,
        replicate_commands), which functions do not have."""
        t = LuaTable()
        for name in ("call", "pcall"):
            t.set_str(name.encode(), Builtin(name, getattr(self, name)))
        self.add_log(t)  # Redis's order of insertion (pairs order follows it)
        for name in ("setresp", "sha1hex", "error_reply", "status_reply", "set_repl"):
            t.set_str(name.encode(), Builtin(name, getattr(self, name)))
        for key, value in REPL_FLAGS.items():
            t.set_str(key, float(value))
        names = ["acl_check_cmd"]
        if eval_only:
            names += ["breakpoint", "debug", "replicate_commands"]
        for name in names:
            t.set_str(name.encode(), Builtin(name, getattr(self, name)))
        return t

    def add_log(self, t: LuaTable) -> None:
        """luaRegisterLogFunction and luaRegisterVersion: ``log``, the LOG_* levels and the
        version fields (all a library sees of the API while it loads, with register_function)."""
        t.set_str(b"log", Builtin("log", self.log))
        for key, value in LOG_LEVELS.items():
            t.set_str(key, float(value))
        for key, value in self.flavor.versions:
            t.set_str(key, value)

