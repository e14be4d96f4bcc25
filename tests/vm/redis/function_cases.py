"""The differential corpus of Redis 7 Functions: sequences of commands (FUNCTION LOAD, FCALL,
FCALL_RO, FUNCTION LIST/DELETE/FLUSH/DUMP/RESTORE/STATS, plain commands) sent to real Redis and
to our engine, every reply compared byte for byte.

Each case starts with no library and an empty database. Redis lists libraries (and dumps them)
in the order of a hash table seeded at random when the server starts, so a case never lists or
dumps two libraries at once (LIBRARYNAME narrows a listing to one), nor lists a library of
several functions (their order is a hash table's too).
"""

from __future__ import annotations

from dataclasses import dataclass

from vm.redis.rdb import dump_functions


@dataclass(frozen=True)
class FCase:
    name: str
    commands: tuple[tuple[str | bytes, ...], ...]
    proto: int = 2  # the client's protocol for the whole sequence


LAST_DUMP = "<the payload of the last FUNCTION DUMP>"  # replaced by each side's own dump


def lib(name: str, body: str) -> str:
    return f"#!lua name={name}\n{body}"


def load(name: str, body: str, *options: str) -> tuple[str, ...]:
    return ("FUNCTION", "LOAD", *options, lib(name, body))


def reg(fname: str, body: str) -> str:
    """A register_function call of a callback taking (keys, args)."""
    return f"redis.register_function('{fname}', function(keys, args)\n{body}\nend)\n"


def F(name: str, *commands: tuple[str | bytes, ...], proto: int = 2) -> FCase:
    return FCase(name, tuple(commands), proto)


def load_error(name: str, body: str) -> FCase:
    """A library whose loading fails, then the state after it."""
    return F("load: " + name, load("bad", body), ("FUNCTION", "LIST"))


def call(name: str, body: str, *fcall_args: str, setup: tuple = (), ro: bool = False,
         flags: str = "", proto: int = 2) -> FCase:
    """One function (body of a callback of (keys, args)) loaded and called once."""
    if flags:
        code = (f"redis.register_function{{function_name='f', flags={{{flags}}}, "
                f"callback=function(keys, args)\n{body}\nend}}\n")
    else:
        code = reg("f", body)
    return F("call: " + name, *setup, load("lib", code),
             ("FCALL_RO" if ro else "FCALL", "f", *(fcall_args or ("0",))), proto=proto)


ECHO = reg("echo", "return {keys, args}")
COUNTER = "local n = 0\n" + reg("inc", "n = n + 1 return n")
NO_WRITES = ("redis.register_function{function_name='ro', flags={'no-writes'}, "
             "callback=function(keys) return redis.call('get', keys[1]) end}\n")
DUMP_ONE = dump_functions([lib("d", reg("d1", "return 1")).encode()])
BAD_CODE_PAYLOAD = dump_functions([b"return 1"])
TWO_LIBS_PAYLOAD = dump_functions([lib("r1", reg("r1f", "return 1")).encode(),
                                   lib("r2", reg("r2f", "return 2")).encode()])

CASES: list[FCase] = [
    # ---- the library's metadata --------------------------------------------------------------
    load_error("no shebang", "x"),
    F("load: no metadata at all", ("FUNCTION", "LOAD", "return 1")),
    F("load: shebang without newline", ("FUNCTION", "LOAD", "#!lua name=x")),
    F("load: unbalanced quotes", ("FUNCTION", "LOAD", "#!lua \"name=x\nreturn 1")),
    F("load: empty shebang", ("FUNCTION", "LOAD", "#!\nreturn 1")),
    F("load: no name", ("FUNCTION", "LOAD", "#!lua\n" + reg("f", "return 1"))),
    F("load: name twice", ("FUNCTION", "LOAD", "#!lua name=a name=b\n" + reg("f", "return 1"))),
    F("load: unknown metadata", ("FUNCTION", "LOAD", "#!lua name=a flags=no-writes\nreturn 1")),
    F("load: unknown engine", ("FUNCTION", "LOAD", "#!js name=a\n" + reg("f", "return 1"))),
    F("load: engine and key without regard to case",
      ("FUNCTION", "LOAD", "#!LuA NAME=MyLib_1\n" + reg("f", "return 1")),
      ("FUNCTION", "LIST", "WITHCODE"), ("FCALL", "f", "0")),
    F("load: quoted name", ("FUNCTION", "LOAD", "#!lua \"name=q\"\n" + reg("f", "return 1"))),
    F("load: bad library names", ("FUNCTION", "LOAD", "#!lua name=a-b\nreturn 1"),
      ("FUNCTION", "LOAD", "#!lua name=\nreturn 1"), ("FUNCTION", "LOAD", "#!lua name=é\nreturn 1"),
      ("FUNCTION", "LOAD", "#!lua name=a.b\nreturn 1")),
    F("load: name checked before engine", ("FUNCTION", "LOAD", "#!js name=a-b\nreturn 1")),
    load_error("compile error", "return +"),
    load_error("compile error line", "local x = 1\n\nlocal y = = 2"),
    load_error("unfinished string", "local s = 'abc"),
    load_error("no functions registered", "local x = 1"),
    load_error("empty code", ""),
    # ---- the load-time sandbox ----------------------------------------------------------------
    load_error("no error()", "error('boom')"),
    load_error("no redis.call", "redis.call('ping')"),
    load_error("no redis.pcall", "redis.pcall('ping')"),
    load_error("no redis.setresp", "redis.setresp(3)"),
    load_error("no redis.sha1hex", "redis.sha1hex('x')"),
    load_error("no string library", "local x = string.len('a')"),
    load_error("no KEYS", "local x = KEYS"),
    load_error("no _G", "local x = _G"),
    load_error("no setmetatable", "setmetatable({}, {})"),
    load_error("globals are read-only", "x = 1"),
    load_error("redis is read-only", reg("f", "return 1") + "redis.foo = 1"),
    load_error("string methods raise", reg("f", "return 1") + "local s = ('x'):rep(-1):bad()"),
    F("load: string methods work", load("s", "local p = ('f'):rep(2):upper()\n"
                                         "redis.register_function(p, function() return p end)"),
      ("FCALL", "FF", "0")),
    F("load: log, levels and version", load("v", "redis.log(redis.LOG_WARNING, 'loading')\n"
                                               "local v = redis.REDIS_VERSION .. redis.REDIS_VERSION_NUM\n"
                                               + reg("ver", "return v"),),
      ("FCALL", "ver", "0")),
    load_error("timeout", "while true do end"),
    load_error("error after registering", reg("f", "return 1") + "local x = nosuch.field"),
    # ---- register_function -------------------------------------------------------------------
    load_error("register: no arguments", "redis.register_function()"),
    load_error("register: three arguments", "redis.register_function('a', function() end, 3)"),
    load_error("register: one non-table", "redis.register_function('a')"),
    load_error("register: name not a string", "redis.register_function({}, function() end)"),
    load_error("register: nil name", "redis.register_function(nil, function() end)"),
    load_error("register: callback not a function", "redis.register_function('f', 'g')"),
    load_error("register: nil callback", "redis.register_function('f', nil)"),
    load_error("register: bad function name", "redis.register_function('a-b', function() end)"),
    load_error("register: float name", "redis.register_function(1.5, function() end)"),
    F("register: number name", load("n", "redis.register_function(42, function() return 42 end)"),
      ("FCALL", "42", "0")),
    load_error("register: twice in the library",
               "redis.register_function('f', function() end)\nredis.register_function('f', function() end)"),
    load_error("register: named without name", "redis.register_function{callback=function() end}"),
    load_error("register: named without callback", "redis.register_function{function_name='f'}"),
    load_error("register: named bad flag",
               "redis.register_function{function_name='f', callback=function() end, flags={'bad'}}"),
    load_error("register: named number flag",
               "redis.register_function{function_name='f', callback=function() end, flags={'no-writes', 5}}"),
    load_error("register: named flags not a table",
               "redis.register_function{function_name='f', callback=function() end, flags='no-writes'}"),
    load_error("register: named unknown argument",
               "redis.register_function{function_name='f', callback=function() end, foo=1}"),
    load_error("register: named positional value",
               "redis.register_function{'f', callback=function() end}"),
    load_error("register: named boolean key",
               "redis.register_function{[true]='f', callback=function() end}"),
    load_error("register: named description not a string",
               "redis.register_function{function_name='f', callback=function() end, description={}}"),
    load_error("register: named callback not a function",
               "redis.register_function{function_name='f', callback=1}"),
    load_error("register: named name not a string",
               "redis.register_function{function_name={}, callback=function() end}"),
    F("register: named, every flag, description",
      load("flags", "redis.register_function{function_name='all', callback=function() return 1 end,\n"
                    "  flags={'allow-cross-slot-keys', 'NO-WRITES', 'no-cluster', 'allow-stale',\n"
                    "         'Allow-OOM'},\n"
                    "  description='every flag'}"),
      load("plain", "redis.register_function{FUNCTION_NAME='plain', CallBack=function() return 2 end,\n"
                    "  flags={}, description=7}"),
      ("FUNCTION", "LIST", "LIBRARYNAME", "flags"), ("FUNCTION", "LIST", "LIBRARYNAME", "plain"),
      ("FCALL", "all", "0"), ("FCALL", "plain", "0")),
    F("register: captured and called at run time",
      load("cap", "local reg = redis.register_function\n"
                  "reg('f', function() return reg('g', function() end) end)"),
      ("FCALL", "f", "0"), ("FUNCTION", "LIST")),
    F("register: load-time redis table at run time",
      load("cap2", "local r = redis\nredis.register_function('f', function() return r.call('ping') end)\n"
                   "redis.register_function('g', function()\n"
                   "  r.log(r.LOG_DEBUG, 'x') return r.LOG_NOTICE end)"),
      ("FCALL", "f", "0"), ("FCALL", "g", "0")),
    # ---- replacing and colliding -------------------------------------------------------------
    F("replace: library exists", load("a", ECHO), load("a", ECHO),
      ("FUNCTION", "LOAD", "REPLACE", lib("a", reg("new", "return 'new'"))),
      ("FCALL", "echo", "0"), ("FCALL", "new", "0"), ("FUNCTION", "LIST")),
    F("replace: failed replacement keeps the old library", load("a", ECHO),
      load("a", "return +", "REPLACE"), load("a", "local x = 1", "replace"), ("FCALL", "echo", "1", "k"),
      ("FUNCTION", "LIST", "WITHCODE")),
    F("collision with another library", load("a", ECHO), load("b", reg("ECHO", "return 1")),
      load("b", reg("Echo2", "return 2")), ("FCALL", "echo2", "0"), ("FUNCTION", "LIST", "LIBRARYNAME", "b")),
    F("collision under REPLACE", load("a", ECHO), load("b", reg("x", "return 1")),
      load("b", reg("echo", "return 2"), "REPLACE"), ("FCALL", "x", "0"), ("FCALL", "echo", "0")),
    F("load options", ("FUNCTION", "LOAD", "REPLACE"), ("FUNCTION", "LOAD", "REPLACE", "REPLACE"),
      ("FUNCTION", "LOAD", "bogus", lib("x", ECHO)),
      ("FUNCTION", "LOAD", "replace", "REPLACE", lib("x", ECHO)),
      ("FUNCTION", "LOAD")),
    F("library state survives between calls", load("c", COUNTER), ("FCALL", "inc", "0"),
      ("FCALL", "inc", "0"), load("c", COUNTER, "REPLACE"), ("FCALL", "inc", "0")),
    # ---- calls: arguments, conversions -------------------------------------------------------
    F("fcall: keys and args", load("e", ECHO), ("FCALL", "echo", "2", "k1", "k2", "a1", "a2"),
      ("FCALL", "echo", "0", "a"), ("FCALL", "echo", "1", "k"), ("FCALL", "ECHO", "0")),
    F("fcall: numkeys", load("e", ECHO), ("FCALL", "echo", "x"), ("FCALL", "echo", "-1"),
      ("FCALL", "echo", "3", "a"), ("FCALL", "echo", "01", "a"), ("FCALL", "echo", " 1", "a"),
      ("FCALL", "echo"), ("FCALL", "nosuch", "x"), ("FCALL_RO", "nosuch", "0")),
    call("argument count", "return select('#', keys, args)"),
    call("no KEYS global", "return KEYS"),
    call("no ARGV global", "return ARGV[1]", "0", "a"),
    call("keys table is writable", "keys[1] = 'changed' keys[5] = 'x' return keys", "1", "k"),
    call("numbers", "return {1.5, -2.7, 'x', true, false, nil, 3}"),
    call("nested", "return {1, {2, {3, {}}}, 'z'}"),
    call("status reply", "return redis.status_reply('FINE')"),
    call("error reply", "return redis.error_reply('MINE bad')"),
    call("ok table", "return {ok = 'yes'}"),
    call("err table", "return {err = 'NO thanks'}"),
    call("nil", "return nil"),
    call("booleans", "return true"),
    call("several values", "return 1, 2"),
    call("redis.call reply",
         "redis.call('rpush', keys[1], 'a', 'b') return redis.call('lrange', keys[1], 0, -1)", "1", "l"),
    call("status from a command", "return redis.call('set', keys[1], args[1])", "1", "k", "v"),
    call("nil from a command", "return {redis.call('get', 'missing')}"),
    call("setresp 3 to a RESP2 client", "redis.setresp(3) return redis.call('hgetall', 'h')",
         setup=(("HSET", "h", "a", "1"),)),
    call("setresp 3 to a RESP3 client", "redis.setresp(3) return redis.call('hgetall', 'h')",
         setup=(("HSET", "h", "a", "1"),), proto=3),
    call("double to RESP3", "return {double = 1.5}", proto=3),
    call("map to RESP3", "return {map = {a = 1}}", proto=3),
    call("sha1hex", "return redis.sha1hex('x')"),
    call("loadstring", "return loadstring('return 7')()"),
    call("random with a seed", "math.randomseed(7) return {math.random(1000), math.random(1000)}"),
    call("cjson", "return cjson.encode({1, 'a', {b = true}})"),
    call("pcall of an error table", "return {pcall(error, {err = 'x'})}"),
    call("redis.pcall error", "return redis.pcall('incr', 'k', 'extra')"),
    call("redis.pcall wrong type",
         "redis.call('set', 'k', 'a') local e = redis.pcall('incr', 'k') return e.err"),
    call("log", "redis.log(redis.LOG_WARNING, 'from a function') return 1"),
    call("select does not outlive the call",
         "redis.call('select', 7) redis.call('set', 'in7', '1') return redis.call('dbsize')"),
    # ---- calls: errors --------------------------------------------------------------------------
    call("error string", "error('boom')"),
    call("error with level 2", "error('lev', 2)"),
    call("error without position", "error('plain', 0)"),
    call("error table", "error({err = 'MY boom'})"),
    call("error number", "error(42)"),
    call("runtime error", "local t = nil return t.x"),
    call("redis.call arity", "return redis.call('incr', 'x', 'y')"),
    call("redis.call wrong type", "redis.call('set', 'x', 'a') return redis.call('incr', 'x')"),
    call("redis.call unknown command", "return redis.call('nosuch')"),
    call("no arguments to redis.call", "return redis.call()"),
    call("bad argument to redis.call", "return redis.call('get', {})"),
    call("global write", "x = 1"),
    call("unknown global", "return nosuch"),
    call("_G is the real globals",
         "return type(_G) .. type(_G.redis) .. tostring(rawget(_G, 'redis') ~= nil)"),
    call("_G write", "_G.x = 1"),
    call("no debugger functions",
         "return type(redis.breakpoint) .. type(redis.debug) .. type(redis.replicate_commands)"),
    call("no message handler global", "return __redis__err__handler"),
    call("register_function is gone", "redis.register_function('g', function() end)"),
    call("fcall from a function", "return redis.call('fcall', 'f', 0)"),
    call("function from a function", "return redis.call('function', 'list')"),
    call("eval from a function", "return redis.call('eval', 'return 1', 0)"),
    call("error in a nested function", "local function inner() error('deep') end\ninner()"),
    # ---- flags and FCALL_RO ------------------------------------------------------------------
    call("write in a no-writes function", "return redis.call('set', 'w', '1')", flags="'no-writes'"),
    call("publish in a no-writes function", "return redis.call('publish', 'ch', 'm')", flags="'no-writes'"),
    call("read in a no-writes function under FCALL_RO", "return redis.call('get', 'w')", ro=True,
         flags="'no-writes'", setup=(("SET", "w", "v"),)),
    call("write under FCALL_RO", "return redis.call('set', 'w', '1')", ro=True, flags="'no-writes'"),
    call("FCALL_RO of a writing function", "return 1", ro=True),
    call("FCALL_RO of allow-oom", "return 1", ro=True, flags="'allow-oom'"),
    call("write with allow-oom and allow-stale", "return redis.call('set', 'w', '1')",
         flags="'allow-oom', 'allow-stale', 'no-cluster'"),
    F("no-writes function by name", load("r", NO_WRITES), ("SET", "k", "v"), ("FCALL_RO", "ro", "1", "k"),
      ("FCALL", "RO", "1", "k")),
    # ---- management --------------------------------------------------------------------------
    F("list: empty", ("FUNCTION", "LIST"), ("FUNCTION", "LIST", "WITHCODE")),
    F("list: options", load("alpha", ECHO), ("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "alpha"),
      ("FUNCTION", "LIST", "libraryname", "ALPHA"), ("FUNCTION", "LIST", "LIBRARYNAME", "a*"),
      ("FUNCTION", "LIST", "LIBRARYNAME", "b*"), ("FUNCTION", "LIST", "LIBRARYNAME", "[a-c]lph?"),
      ("FUNCTION", "LIST", "LIBRARYNAME"), ("FUNCTION", "LIST", "WITHCODE", "WITHCODE"),
      ("FUNCTION", "LIST", "bogus"), ("FUNCTION", "LIST", "LIBRARYNAME", "a", "LIBRARYNAME", "b")),
    F("list: two libraries filtered", load("one", reg("f1", "return 1")), load("two", reg("f2", "return 2")),
      ("FUNCTION", "LIST", "LIBRARYNAME", "t*"), ("FUNCTION", "LIST", "LIBRARYNAME", "*e")),
    F("list: RESP3", load("flags", "redis.register_function{function_name='f', callback=function() end,"
                                   " flags={'no-writes'}, description='d'}"),
      ("FUNCTION", "LIST", "WITHCODE"), ("FUNCTION", "STATS"), proto=3),
    F("delete", load("a", ECHO), ("FUNCTION", "DELETE", "A"), ("FUNCTION", "DELETE", "a"),
      ("FUNCTION", "DELETE", "a"), ("FCALL", "echo", "0"), ("FUNCTION", "DELETE"),
      ("FUNCTION", "DELETE", "a", "b")),
    F("flush", load("a", ECHO), ("FUNCTION", "FLUSH", "x"), ("FUNCTION", "FLUSH", "SYNC", "x"),
      ("FUNCTION", "FLUSH", "async"), ("FCALL", "echo", "0"), load("a", ECHO), ("FUNCTION", "FLUSH", "SYNC"),
      ("FUNCTION", "LIST"), load("a", ECHO), ("FUNCTION", "FLUSH"), ("FUNCTION", "STATS")),
    F("stats", ("FUNCTION", "STATS"), load("a", ECHO + COUNTER), ("FUNCTION", "STATS"),
      ("FUNCTION", "STATS", "x")),
    F("kill, help, unknown", ("FUNCTION", "KILL"), ("FUNCTION", "HELP"), ("function", "help"),
      ("FUNCTION", "bogus"), ("FUNCTION",), ("FUNCTION", "KILL", "x")),
    F("dump: empty", ("FUNCTION", "DUMP")),
    F("dump: one library", load("a", ECHO + COUNTER), ("FUNCTION", "DUMP")),
    F("dump: short code", ("FUNCTION", "LOAD", "#!lua name=s\n" + reg("s", "")), ("FUNCTION", "DUMP")),
    F("restore: append, collision, replace", ("FUNCTION", "RESTORE", DUMP_ONE), ("FCALL", "d1", "0"),
      ("FUNCTION", "RESTORE", DUMP_ONE), ("FUNCTION", "RESTORE", DUMP_ONE, "APPEND"),
      ("FUNCTION", "RESTORE", DUMP_ONE, "replace"), ("FUNCTION", "LIST")),
    F("restore: flush policy", load("a", ECHO), ("FUNCTION", "RESTORE", DUMP_ONE, "FLUSH"),
      ("FCALL", "echo", "0"), ("FCALL", "d1", "0")),
    F("restore: function collision", load("x", reg("d1", "return 'mine'")),
      ("FUNCTION", "RESTORE", DUMP_ONE), ("FUNCTION", "RESTORE", DUMP_ONE, "REPLACE"), ("FCALL", "d1", "0")),
    F("restore: bad payloads", ("FUNCTION", "RESTORE", "x"), ("FUNCTION", "RESTORE", DUMP_ONE[:-1] + b"\x00"),
      ("FUNCTION", "RESTORE", DUMP_ONE[:-10]), ("FUNCTION", "RESTORE", BAD_CODE_PAYLOAD),
      ("FUNCTION", "RESTORE", DUMP_ONE, "bogus"), ("FUNCTION", "RESTORE", DUMP_ONE, "FLUSH", "x"),
      ("FUNCTION", "RESTORE"), ("FUNCTION", "LIST")),
    F("restore: two libraries", ("FUNCTION", "RESTORE", TWO_LIBS_PAYLOAD), ("FCALL", "r1f", "0"),
      ("FCALL", "r2f", "0"), ("FUNCTION", "STATS")),
    F("dump and restore round trip", load("a", ECHO), ("FUNCTION", "DUMP"), ("FUNCTION", "FLUSH"),
      ("FUNCTION", "RESTORE", LAST_DUMP), ("FCALL", "echo", "1", "k")),
]
