"""The Lua engine of Redis 7.0 Functions (function_lua.c): one Lua state for every library.

Its globals are an empty read-only table whose metatable's ``__index`` points at the real globals
(those of EVAL's state less breakpoint/debug/replicate_commands and the message handler, which
sits in the registry). While a library loads, ``__index`` points instead at the *library API*:
a table holding only ``redis`` with ``register_function``, ``log``, the LOG_* levels and the
version fields, both with the error metatable. So at load time ``redis.call`` reads
``Script attempted to access nonexistent global variable 'call'`` and ``x = 1`` writes into a
read-only table; at run time the callbacks see the whole API but no KEYS or ARGV (they receive
their keys and arguments as two tables).

Loading runs the library's code (compiled as ``@user_function``, the shebang line's newline
kept so line numbers match the file) with a hook every 100,000 instructions that ends it with
``FUNCTION LOAD timeout`` once it has run 500 ms.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from vm.errors import LoadError, LuaError
from vm.redis.api import RedisApi, ScriptHost, redis_error
from vm.redis.convert import cstr
from vm.redis.environment import error_metatable, script_globals
from vm.redis.errors import handle_error
from vm.redis.flavor import REDIS, Flavor
from vm.redis.readonly import opened, protect_recursively
from vm.redis.shebang import FLAG_NAMES
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.limits import Guard
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.session import Session

CHUNKNAME = b"@user_function"
LOAD_TIMEOUT = 0.5  # seconds: LOAD_TIMEOUT_MS


class _LoadTimeout(Exception):
    """FUNCTION LOAD's timeout struck inside a library call."""
LOAD_HOOK_COUNT = 100_000  # instructions between two checks of the load timeout
NAME_RULE = (b"Library names can only contain letters, numbers, or underscores(_) and must be at "
             b"least one character long")


@dataclass(slots=True)
class FunctionInfo:
    """A registered function: its name, callback, library, description and flags (in Redis's
    order: no-writes, allow-oom, allow-stale, no-cluster, allow-cross-slot-keys)."""

    name: bytes
    callback: object
    library: LibraryInfo
    description: bytes | None
    flags: tuple[str, ...]

    @property
    def no_writes(self) -> bool:
        return "no-writes" in self.flags


@dataclass(slots=True)
class LibraryInfo:
    """A library: its name, engine name as written (``LUA``), the whole code as loaded
    (shebang included) and its functions by exact name, in registration order."""

    name: bytes
    code: bytes
    functions: dict[bytes, FunctionInfo] = field(default_factory=dict)


def _call_with_handler(L, args: list):
    """lua_pcall(lua, 2, 1, errfunc) as luaEngineCall makes it: xpcall(f, handler, ...) with
    arguments passed on to f (5.1's xpcall passes none). It is named ``xpcall`` so that the VM
    calls its handler at the error point, as for xpcall."""
    try:
        results = yield args[0], args[2:]
    except LuaError as err:
        return [False, err.value]
    return [True, *results]


CALL_WITH_HANDLER = Builtin("xpcall", _call_with_handler, is_gen=True, protects=True)


def valid_name(name: bytes) -> bool:
    """functionsVerifyName: letters, digits and underscores, at least one."""
    return bool(name) and all(c == 0x5F or 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A
                              for c in name)


def _is_string(v: object) -> bool:
    return v.__class__ is bytes or v.__class__ is float


def _string(v: object) -> bytes:
    """lua_tolstring of a string or a number."""
    return number_to_bytes(v) if v.__class__ is float else v  # type: ignore[return-value,arg-type]


def _is_function(v: object) -> bool:
    return v.__class__ is LuaFunction or v.__class__ is Builtin


class FunctionLua:
    """The functions' Lua state, with the host (the engine) its redis.* functions run against."""

    def __init__(self, host: ScriptHost, flavor: Flavor = REDIS) -> None:
        self.flavor = flavor
        self.session = Session()
        L = self.session.state
        api = RedisApi(host, flavor)
        real = script_globals(self.session, api, eval_only=False)
        error_metatable(real)
        protect_recursively(real)
        if L.string_meta is not None:
            protect_recursively(L.string_meta)
        self.runtime_globals = real
        self.library_api = self._library_api(api)
        g = LuaTable()
        mt = LuaTable()
        mt.set_str(b"__index", real)
        g.metatable = mt
        protect_recursively(g)
        L.globals = g
        self.handler = Builtin("error_handler", handle_error)
        self.loading: LibraryInfo | None = None

    def _library_api(self, api: RedisApi) -> LuaTable:
        t = LuaTable()
        t.set_str(b"register_function", Builtin("register_function", self.register_function))
        api.add_log(t)
        error_metatable(t)
        g = LuaTable()
        for name in self.flavor.globals:
            g.set_str(name, t)
        error_metatable(g)
        protect_recursively(g)
        return g

    def _set_index(self, target: LuaTable) -> None:
        mt = self.session.state.globals.metatable
        assert mt is not None
        with opened(mt):
            mt.set_str(b"__index", target)

    # ---- loading (luaEngineCreate) ----------------------------------------------------------

    def create(self, library: LibraryInfo, code: bytes) -> bytes | None:
        """Compile and run a library's code so that it registers its functions into
        ``library``; the error text (without ``ERR``) when it fails."""
        from vm.compiler import compile_source

        self._set_index(self.library_api)
        try:
            try:
                fn = self.session.state.load(compile_source(code, CHUNKNAME))
            except LoadError as err:
                return b"Error compiling function: " + cstr(err.msg)
            self.loading = library
            failure = self._run_load(fn)
            if failure is not None:
                return b"Error registering functions: " + failure
            return None
        finally:
            self.loading = None
            self._set_index(self.runtime_globals)

    def _run_load(self, fn: object) -> bytes | None:
        """lua_pcall(lua, 0, 0, 0) under the load hook: None, or luaExtractErrorInformation's
        message of the error."""
        session = self.session
        L = session.state
        start = time.monotonic()
        saved = L.guard  # the timeout holds inside one library call too (vm/runtime/limits.py)
        L.guard = Guard(lambda kind: _LoadTimeout(), None, start + LOAD_TIMEOUT)
        try:
            session.start(fn, [])
            while not session.step(LOAD_HOOK_COUNT):
                if time.monotonic() - start > LOAD_TIMEOUT:
                    session._abandon()
                    return b"ERR FUNCTION LOAD timeout"
        except LuaError as err:
            return _error_message(err.value)
        except _LoadTimeout:  # the run is abandoned already (Session.step)
            return b"ERR FUNCTION LOAD timeout"
        finally:
            L.guard = saved
        return None

    def register_function(self, L, args: list) -> list:
        """redis.register_function(name, callback) or redis.register_function{...}."""
        library = self.loading
        if library is None:
            raise self._error(b"redis.register_function can only be called on FUNCTION LOAD command")
        if len(args) < 1 or len(args) > 2:
            raise self._error(b"wrong number of arguments to redis.register_function")
        if len(args) == 1:
            name, callback, desc, flags = self._named_args(args[0])
        else:
            if not _is_string(args[0]):
                raise self._error(b"first argument to redis.register_function must be a string")
            if not _is_function(args[1]):
                raise self._error(b"second argument to redis.register_function must be a function")
            name, callback, desc, flags = _string(args[0]), args[1], None, ()
        # functionLibCreateFunction
        if not valid_name(name):
            raise redis_error(NAME_RULE)
        if name in library.functions:
            raise redis_error(b"Function already exists in the library")
        library.functions[name] = FunctionInfo(name, callback, library, desc, flags)
        return []

    def _error(self, text: bytes) -> LuaError:
        return redis_error(self.flavor.message(text))

    def _named_args(self, t: object) -> tuple[bytes, object, bytes | None, tuple[str, ...]]:
        """luaRegisterFunctionReadNamedArgs: the fields in traversal order, the first bad one
        reported."""
        if t.__class__ is not LuaTable:
            raise self._error(b"calling redis.register_function with a single argument is only "
                              b"applicable to Lua table (representing named arguments).")
        name = desc = callback = None
        flags: tuple[str, ...] = ()
        for key, value in t.items():  # type: ignore[attr-defined]
            if not _is_string(key):
                raise self._error(b"named argument key given to redis.register_function is not a string")
            k = cstr(_string(key)).lower()
            if k == b"function_name":
                if not _is_string(value):
                    raise self._error(b"function_name argument given to redis.register_function "
                                      b"must be a string")
                name = _string(value)
            elif k == b"description":
                if not _is_string(value):
                    raise self._error(b"description argument given to redis.register_function "
                                      b"must be a string")
                desc = _string(value)
            elif k == b"callback":
                if not _is_function(value):
                    raise self._error(b"callback argument given to redis.register_function must be "
                                      b"a function")
                callback = value
            elif k == b"flags":
                if value.__class__ is not LuaTable:
                    raise self._error(b"flags argument to redis.register_function must be a table "
                                      b"representing function flags")
                flags = _read_flags(value)  # type: ignore[arg-type]
            else:
                raise self._error(b"unknown argument given to redis.register_function")
        if name is None:
            raise self._error(b"redis.register_function must get a function name argument")
        if callback is None:
            raise self._error(b"redis.register_function must get a callback argument")
        return name, callback, desc, flags

    # ---- calling (luaEngineCall) ------------------------------------------------------------

    def call_arguments(self, keys: list[bytes], args: list[bytes]) -> list:
        """The callback's two arguments: its keys and its arguments as fresh tables."""
        out = []
        for values in (keys, args):
            t = LuaTable()
            for j, v in enumerate(values, 1):
                t.set_int(j, v)
            out.append(t)
        return out


def _read_flags(t: LuaTable) -> tuple[str, ...]:
    """luaRegisterFunctionReadFlags: t[1], t[2], ... up to the first nil, each a flag name
    (without regard to case); the flags in Redis's order."""
    found = set()
    j = 1
    while True:
        v = t.get_int(j)
        j += 1
        if v is None:
            break
        name = cstr(_string(v)).lower().decode("latin-1") if _is_string(v) else None
        if name not in FLAG_NAMES:
            raise redis_error(b"unknown flag given")
        found.add(name)
    return tuple(f for f in FLAG_NAMES if f in found)


def _error_message(value: object) -> bytes:
    """luaExtractErrorInformation's msg: ``ERR <string>`` for a string (or number), the ``err``
    field of a table; Redis writes a missing one as ``(null)``."""
    if _is_string(value):
        return b"ERR " + cstr(_string(value))
    if value.__class__ is LuaTable:
        err = value.get_str(b"err")  # type: ignore[attr-defined]
        if _is_string(err):
            return cstr(_string(err))
    return b"(null)"
