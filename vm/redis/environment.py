"""The Lua environment Redis 7.0 gives scripts (script_lua.c's luaRegisterRedisAPI, eval.c's
scriptingInit), built on a Session.

Globals, as redis-server 7.0.15 has them: the base functions of its allow list (``print``,
``dofile``, ``loadfile``, ``getfenv``, ``setfenv``, ``newproxy``, ``module``, ``require`` are not
there), the libraries ``string``, ``table``, ``math``, ``coroutine``, ``cjson``, ``struct``,
``cmsgpack``, ``bit`` (no ``io``, ``os``, ``debug``, ``package``), ``redis``, and Redis's
message handler ``__redis__err__handler``. Replaced: ``pcall`` (an error table becomes its
``err`` string), ``loadstring`` and ``load`` (source only: Redis's Lua never loads bytecode),
``math.random``/``math.randomseed`` (Redis's generator), ``setmetatable`` (refuses read-only
tables).

Then the global table gets a metatable whose ``__index`` raises ``Script attempted to access
nonexistent global variable 'x'``, and it, every table reachable from it and their metatables
are made read-only. KEYS and ARGV are set before each run with the protection lifted, as Redis
does.
"""

from __future__ import annotations

from vm.errors import LoadError, LuaError
from vm.lib.args import check_string, type_error
from vm.lib.bit import open_bit
from vm.lib.cjson import open_cjson
from vm.lib.cmsgpack import open_cmsgpack
from vm.lib.struct import open_struct
from vm.redis.api import RedisApi, ScriptHost
from vm.redis.errors import handle_error
from vm.redis.flavor import REDIS, Flavor
from vm.redis.readonly import guarded_setmetatable, opened, protect_recursively
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.session import Session

# lbaselib.c's base_funcs in their order, as luaopen_base stores them through Redis's allow
# list (script_lua.c's luaNewIndexAllowList: dofile, loadfile and print are refused; getfenv,
# setfenv and newproxy are not defined by redis-server 7.0.15), then what base_open adds
BASE_FUNCTIONS = (
    "assert", "collectgarbage", "error", "gcinfo", "getmetatable", "load", "loadstring", "next",
    "pcall", "rawequal", "rawget", "rawset", "select", "setmetatable", "tonumber", "tostring",
    "type", "unpack", "xpcall", "_VERSION", "ipairs", "pairs",
)
STANDARD_LIBRARIES = ("coroutine", "table")  # luaLoadLibraries' order, after the base functions
# redis-server 7.0.15 (Debian's, with the 2025 Lua security fixes) has ``string`` and ``math`` in
# its globals before anything else: found by matching pairs(_G) against it (every order of
# luaLoadLibraries' libraries tried on 5.1's table layout; only these two fit)
EARLY_LIBRARIES = (b"string", b"math")

# the Redis-only libraries, in the order Redis opens them (luaLoadLibraries)
REDIS_LIBRARIES = (open_cjson, open_struct, open_cmsgpack, open_bit)

CHUNKNAME = b"@user_script"
HANDLER_NAME = b"__redis__err__handler"


def nonexistent_global(L, args: list) -> list:
    """The global table's __index (luaProtectedTableError)."""
    if len(args) != 2:
        raise LuaError(b"Wrong number of arguments to luaProtectedTableError", positioned=False)
    name = args[1]
    if name.__class__ is float:
        name = number_to_bytes(name)  # type: ignore[arg-type]
    if name.__class__ is not bytes:
        raise LuaError(b"Second argument to luaProtectedTableError must be a string or number",
                       positioned=False)
    raise LuaError(b"Script attempted to access nonexistent global variable '%s'"
                   % name.split(b"\0", 1)[0], positioned=False)


def redis_pcall(L, args: list):
    """pcall as Redis 7 replaces it (luaRedisPcall): an error that is a table with a string
    ``err`` field comes back as that string. Like Redis's, it does not check its arguments:
    called with none it calls its own placeholder, the boolean true."""
    fn = args[0] if args else True
    try:
        results = yield fn, args[1:]
    except LuaError as err:
        value = err.value
        if value.__class__ is LuaTable:
            msg = value.get_str(b"err")  # type: ignore[attr-defined]
            if msg.__class__ is bytes or msg.__class__ is float:
                value = msg
        return [False, value]
    return [True, *results]


def compile_text(L, data: bytes, chunkname: bytes) -> list:
    """luaL_loadbuffer as Redis's Lua does it: always source, never bytecode."""
    from vm.compiler import compile_source
    from vm.runtime.limits import compile_poll

    try:
        return [L.load(compile_source(data, chunkname, poll=compile_poll()))]
    except LoadError as err:
        return [None, err.msg]


def text_loadstring(L, args: list) -> list:
    s = check_string(args, 0, "loadstring")
    name = check_string(args, 1, "loadstring") if len(args) > 1 and args[1] is not None else s
    return compile_text(L, s, name)


def text_load(L, args: list):
    """load(reader [, chunkname]): the reader's pieces until nil or '', compiled as source."""
    reader = args[0] if args else None
    if reader.__class__ is not LuaFunction and reader.__class__ is not Builtin:
        raise type_error(args, 0, "load", b"function")
    name = check_string(args, 1, "load") if len(args) > 1 and args[1] is not None else b"=(load)"
    pieces = []
    while True:
        res = yield reader, []
        piece = res[0] if res else None
        if piece is None or piece == b"":
            break
        if piece.__class__ is float:
            piece = number_to_bytes(piece)  # type: ignore[arg-type]
        if piece.__class__ is not bytes:
            return [None, b"reader function must return a string"]
        pieces.append(piece)
    return compile_text(L, b"".join(pieces), name)


def script_globals(session: Session, api: RedisApi, *, eval_only: bool) -> LuaTable:
    """luaRegisterRedisAPI on a fresh Session: the globals table of a scripting Lua state (base
    functions of the allow list, the libraries, Redis's pcall/loadstring/load/setmetatable/math
    random, the API table under its flavor's names), not yet protected. It becomes the state's
    globals.

    The table is filled in redis-server's order, from lua_open's empty table of two nodes:
    ``string``, ``math``, ``_G``, the base functions, ``coroutine``, ``table``, ``debug``,
    ``cjson``, ``struct``, ``cmsgpack``, ``bit``, ``redis``, then ``debug`` set to nil (eval.c's
    error handler chunk; it stays a dead node until the table next grows), so that
    ``pairs(_G)`` walks it in redis-server's order."""
    L = session.state
    L.full_string_hash = True  # Redis's lstring.c hashes every byte (tables' key order)
    std = L.globals
    g = LuaTable(0, 2)  # lstate.c's f_luaopen: luaH_new(L, 0, 2)
    L.globals = g
    for name in EARLY_LIBRARIES:
        g.set_str(name, std.get_str(name))
    g.set_str(b"_G", g)
    for name in BASE_FUNCTIONS + STANDARD_LIBRARIES:
        g.set_str(name.encode(), std.get_str(name.encode()))
    g.set_str(b"debug", std.get_str(b"debug") or LuaTable())  # luaopen_debug; removed below
    g.set_str(b"pcall", Builtin("pcall", redis_pcall, is_gen=True, protects=True))
    g.set_str(b"loadstring", Builtin("loadstring", text_loadstring))
    g.set_str(b"load", Builtin("load", text_load, is_gen=True))
    base_setmetatable = std.get_str(b"setmetatable").fn  # type: ignore[union-attr]
    g.set_str(b"setmetatable", Builtin("setmetatable", guarded_setmetatable(base_setmetatable)))
    for opener in REDIS_LIBRARIES:
        opener(L)
    math = g.get_str(b"math")
    if math.__class__ is LuaTable:
        math.set_str(b"random", Builtin("random", api.math_random))  # type: ignore[union-attr]
        math.set_str(b"randomseed", Builtin("randomseed", api.math_randomseed))  # type: ignore[union-attr]
    table = api.table(eval_only=eval_only)
    for name in api.flavor.globals:
        g.set_str(name, table)
    g.set_str(b"debug", None)  # "local dbg = debug; debug = nil"
    return g


def error_metatable(t: LuaTable) -> None:
    """luaSetErrorMetatable: reading a missing field raises ``Script attempted to access
    nonexistent global variable``."""
    mt = LuaTable()
    mt.set_str(b"__index", Builtin("__index", nonexistent_global))
    t.metatable = mt


def build_environment(host: ScriptHost, flavor: Flavor = REDIS) -> Session:
    """A Session whose globals are Redis's script globals (EVAL's Lua state), read-only."""
    session = Session()
    L = session.state
    g = script_globals(session, RedisApi(host, flavor), eval_only=True)
    g.set_str(HANDLER_NAME, Builtin(HANDLER_NAME.decode(), handle_error))
    error_metatable(g)
    protect_recursively(g)
    if L.string_meta is not None:  # read-only in Redis too
        protect_recursively(L.string_meta)
    return session


def set_keys_and_args(session: Session, keys: list[bytes], args: list[bytes]) -> None:
    """KEYS and ARGV for the next run (luaCreateArray + lua_setglobal with the globals opened)."""
    g = session.state.globals
    with opened(g):
        for name, values in ((b"KEYS", keys), (b"ARGV", args)):
            t = LuaTable()
            for j, v in enumerate(values, 1):
                t.set_int(j, v)
            g.set_str(name, t)
