"""Replies and stored values that follow a table's traversal order, against real Redis 7.

cjson.encode and cmsgpack.pack of maps, replies built with pairs, RESP3 map and set replies:
their bytes follow Lua's node order, which must be Redis's own (5.1's layout, with Redis's
string hash that reads every byte of a long key). Each script runs through the real server's
EVAL and through our engine on the embedded keyspace and on the real server; the replies, and
what the scripts stored, must be the same bytes.
"""

from __future__ import annotations

import random

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis.engine import ScriptEngine
from vm.redis.resp import encode

# a table from ARGV's name/value pairs (values that look like numbers become numbers)
_FROM_ARGV = ("local t = {} for i = 1, #ARGV, 2 do local v = ARGV[i + 1] t[ARGV[i]] = tonumber(v) or v end\n")

_LONG = ["bull:queue-name:job-options:%d:attempts" % i for i in range(6)] + ["x" * 40, "y" * 33]

SCRIPTS: list[tuple[str, str, list[str], list[str]]] = [
    ("cjson record", "return cjson.encode({name = 'job', id = 17, attempts = 3, delay = 0, priority = 2,"
     " lifo = false, tags = {'a', 'b'}, opts = {removeOnComplete = true, backoff = {type = 'fixed',"
     " delay = 1000}}})", [], []),
    ("cjson from ARGV", _FROM_ARGV + "return cjson.encode(t)", [],
     ["alpha", "1", "beta", "two", "gamma", "3.5", "delta", "x", "epsilon", "5", "zeta", "6", "eta", "7"]),
    ("cjson long keys", _FROM_ARGV + "return cjson.encode(t)", [],
     [x for i, k in enumerate(_LONG) for x in (k, str(i))]),
    ("stored cjson", _FROM_ARGV + "redis.call('SET', KEYS[1], cjson.encode(t))"
     " return redis.call('GET', KEYS[1])",
     ["job:1"], ["data", "{}", "opts", "x", "name", "send-mail", "timestamp", "1700000000000", "queue", "q"]),
    ("cjson after deletions", _FROM_ARGV + "t.beta = nil t.delta = nil t.theta = 8 t.iota = 9 t.beta = 2"
     " return cjson.encode(t)", [],
     ["alpha", "1", "beta", "2", "gamma", "3", "delta", "4", "epsilon", "5"]),
    ("cjson numeric keys", "return cjson.encode({[1] = 'a', [2] = 'b', [10] = 'c', [0.5] = 'd', x = 'e'})",
     [], []),
    ("cmsgpack map", _FROM_ARGV + "return cmsgpack.pack(t)", [],
     ["k1", "1", "k2", "2", "k3", "3", "key four", "4", "k5", "five", "k6", "6", "k7", "7", "k8", "8"]),
    ("pairs keys", _FROM_ARGV + "local r = {} for k, v in pairs(t) do r[#r + 1] = k r[#r + 1] = v end"
     " return r", [],
     [x for i in range(20) for x in ("field%d" % (i * 7), str(i))]),
    ("pairs after HGETALL", "local h = redis.call('HGETALL', KEYS[1]) local t = {} for i = 1, #h, 2 do"
     " t[h[i]] = h[i + 1] end local r = {} for k in pairs(t) do r[#r + 1] = k end return r", ["h"], []),
    ("next order with booleans and floats", "local t = {x = 1, [true] = 2, [false] = 3, [1.5] = 4,"
     " [-1] = 5, [2^40] = 6, y = 7} local r = {} for k in pairs(t) do r[#r + 1] = tostring(k) end return r",
     [], []),
    # the globals table, filled in redis-server's order (a dead ``debug`` node, KEYS and ARGV
    # set at the first run), and the libraries' own tables
    ("globals", "local r = {} for k, v in pairs(_G) do r[#r + 1] = tostring(k) .. ' ' .. type(v) end"
     " return r", ["k"], ["a"]),
    ("globals by next", "local r, k = {}, next(_G) while k do r[#r + 1] = k k = next(_G, k) end"
     " return r", [], []),
    ("library tables", "local function keys(t) local r = {} for k in pairs(t) do r[#r + 1] = tostring(k) end"
     " return table.concat(r, ' ') end return {keys(string), keys(math), keys(table), keys(coroutine),"
     " keys(redis), keys(cjson), keys(cmsgpack), keys(struct), keys(bit)}", [], []),
]


def _setup(run) -> None:
    run("FLUSHDB")
    run("HSET", "h", *[x for i in range(12) for x in ("member:%d" % (i * 13), str(i))])


def _b(v: str) -> bytes:
    return v.encode("latin-1")


def _real(real: RawRedis, script: str, keys: list[str], args: list[str]) -> tuple[bytes, bytes]:
    _setup(real.command)
    reply = real.command("EVAL", script, str(len(keys)), *keys, *args)
    return reply, real.command("GET", "job:1")


def _ours(engine: ScriptEngine, script: str, keys: list[str], args: list[str]) -> tuple[bytes, bytes]:
    _setup(lambda *argv: engine.command([_b(a) for a in argv]))
    reply = encode(engine.eval(_b(script), [_b(k) for k in keys], [_b(a) for a in args]), 2)
    return reply, encode(engine.command([b"GET", b"job:1"]), 2)


@pytest.mark.parametrize("name,script,keys,args", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_embedded_keyspace(real: RawRedis, embedded: ScriptEngine, name: str, script: str, keys: list[str],
                           args: list[str]) -> None:
    assert _ours(embedded, script, keys, args) == _real(real, script, keys, args)


@pytest.mark.parametrize("name,script,keys,args", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_real_server_keyspace(real: RawRedis, remote: ScriptEngine, name: str, script: str, keys: list[str],
                              args: list[str]) -> None:
    assert _ours(remote, script, keys, args) == _real(real, script, keys, args)


def test_resp3_map_and_set_replies(real: RawRedis, embedded: ScriptEngine) -> None:
    script = (_FROM_ARGV + "redis.setresp(3) local s = {} for k in pairs(t) do s[k .. '!'] = true end"
              " return {map = {m = {map = t}, s = {set = s}}}")
    args = [x for i in range(9) for x in ("name%d" % i, str(i))] + [_LONG[0], "long"]
    real.command("HELLO", "3")
    try:
        want = real.command("EVAL", script, "0", *args)
    finally:
        real.command("HELLO", "2")
    got = encode(embedded.eval(_b(script), [], [_b(a) for a in args]), 3)
    assert got == want


def test_random_maps_encode_as_redis_encodes_them(real: RawRedis, embedded: ScriptEngine) -> None:
    """cjson.encode of maps built from random keys, deletions and re-insertions."""
    rng = random.Random(13)
    words = ["id", "name", "data", "opts", "ts", "attempts", "delay", "priority", "queue", "parent",
             "progress", "returnvalue", "stacktrace", "finishedOn", "processedOn", "failedReason"]
    script = ("local t = {} for i = 1, #ARGV do local op, k = ARGV[i]:sub(1, 1), ARGV[i]:sub(2)"
              " if op == '+' then t[k] = i else t[k] = nil end end return cjson.encode(t)")
    for _ in range(40):
        args = []
        for _ in range(rng.randint(1, 40)):
            word = rng.choice(words) + ("" if rng.random() < 0.7 else ":" + "x" * rng.randint(1, 40))
            args.append(("+" if rng.random() < 0.7 else "-") + word)
        want = real.command("EVAL", script, "0", *args)
        assert encode(embedded.eval(_b(script), [], [_b(a) for a in args]), 2) == want, args


_REBUILT = ("local h = redis.call('HGETALL', KEYS[1]) local t = {} for i = 1, #h, 2 do"
            " t[h[i]] = tonumber(h[i + 1]) or h[i + 1] end\n")
_HASH_SCRIPTS = [
    _REBUILT + "local r = {} for k, v in pairs(t) do r[#r + 1] = k r[#r + 1] = tostring(v) end return r",
    _REBUILT + "return cjson.encode(t)",
    _REBUILT + "return cmsgpack.pack(t)",
    # a job-queue update: decode the stored JSON, change fields, store it again
    _REBUILT + "redis.call('SET', KEYS[2], cjson.encode(t))"
    " local d = cjson.decode(redis.call('GET', KEYS[2]))"
    " d.attempts = (d.attempts or 0) + 1 d.failedReason = nil d.processedOn = 1700000000123"
    " redis.call('SET', KEYS[2], cjson.encode(d)) return redis.call('GET', KEYS[2])",
    _REBUILT + "local u = cmsgpack.unpack(cmsgpack.pack(t)) u.extra = true return cmsgpack.pack(u)",
]


def test_hashes_rebuilt_into_tables_iterate_as_redis_iterates_them(real: RawRedis,
                                                                   embedded: ScriptEngine) -> None:
    """HGETALL of random hashes (small enough to stay listpacks, whose order is the insertion
    order on both keyspaces) rebuilt into a table, then iterated, encoded, decoded and encoded
    again: the replies and the stored JSON are redis-server's bytes."""
    rng = random.Random(29)
    words = ["id", "name", "data", "opts", "timestamp", "attempts", "delay", "priority", "parent",
             "returnvalue", "stacktrace", "finishedOn", "processedOn", "failedReason", "progress",
             "atm", "ats", "pb", "rjk", "deid"]
    for _ in range(30):
        fields: dict[str, str] = {}
        for _ in range(rng.randint(1, 60)):
            word = rng.choice(words)
            if rng.random() < 0.4:
                word += ":" + "%d" % rng.randint(0, 10 ** rng.randint(1, 12))
            if rng.random() < 0.1:
                word += "-" + "k" * rng.randint(20, 40)  # 32 bytes or more: Redis hashes every byte
            fields[word] = str(rng.randint(0, 999)) if rng.random() < 0.7 else rng.choice(words)
        argv = [x for item in fields.items() for x in item]
        for script in _HASH_SCRIPTS:
            real.command("DEL", "h", "j")
            real.command("HSET", "h", *argv)
            want = real.command("EVAL", script, "2", "h", "j")
            embedded.command([b"DEL", b"h", b"j"])
            embedded.command([b"HSET", b"h", *[_b(a) for a in argv]])
            got = encode(embedded.eval(_b(script), [b"h", b"j"], []), 2)
            assert got == want, (script, argv)


FUNCTION_LIBRARY = """#!lua name=order
local function keys(t)
  local r = {} for k, v in pairs(t) do r[#r + 1] = tostring(k) .. ' ' .. type(v) end return r
end
redis.register_function('globals', function() return keys(_G) end)
redis.register_function('api', function() return keys(redis) end)
"""


@pytest.mark.parametrize("keyspace", ["embedded", "remote"])
def test_function_globals_in_redis_order(real: RawRedis, request: pytest.FixtureRequest,
                                         keyspace: str) -> None:
    """pairs over a function's globals (the engine's real globals, reached through _G) and over
    its redis table, as redis-server walks them (at load time nothing can walk them: the
    sandbox has neither pairs nor next)."""
    engine = request.getfixturevalue(keyspace)
    assert real.command("FUNCTION", "LOAD", "REPLACE", FUNCTION_LIBRARY) == b"$5\r\norder\r\n"
    assert encode(engine.command([b"FUNCTION", b"LOAD", b"REPLACE", _b(FUNCTION_LIBRARY)]), 2) == \
        b"$5\r\norder\r\n"
    for name in ("globals", "api"):
        assert encode(engine.command([b"FCALL", _b(name), b"0"]), 2) == real.command("FCALL", name, "0"), name
