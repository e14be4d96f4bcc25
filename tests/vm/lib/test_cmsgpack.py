"""The ``cmsgpack`` library (lua_cmsgpack.c) against real Redis 7's EVAL: the bytes of every
encoding, array/map detection, decoding of every type byte, streams and offsets, error texts,
and the Lua stack limits the C code runs into."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.vm.lib.redis_diff import CANON, Differ, to_lua
from vm.errors import LuaError
from vm.lib.cjson import open_cjson
from vm.lib.cmsgpack import open_cmsgpack
from vm.session import Session


@pytest.fixture(scope="module")
def differ(redis_url: str) -> Differ:
    return Differ(redis_url, open_cmsgpack, open_cjson)


def _protected(expr: str) -> str:
    """A script returning the canonical rendering of the results, or the error message."""
    return CANON + ("local r = {pcall(function() return canon_all(%s) end)} "
                    "return {tostring(r[1]), r[2]}" % expr)


PACK_VALUES = [
    "0", "1", "127", "128", "255", "256", "65535", "65536", "2^32-1", "2^32", "2^53", "2^53+2",
    "2^62", "2^63", "2^63-1024", "2^64", "-1", "-32", "-33", "-128", "-129", "-32768", "-32769",
    "-2^31", "-2^31-1", "-2^53", "-2^63", "-2^63-2048", "-2^64", "0.5", "-0.5", "0.1", "1.5",
    "-0", "1/0", "-1/0", "0/0", "1e300", "-1e300", "1e-300", "1e-45", "2^-149", "2^-150",
    "3.4028234663852886e38", "3.4028235677973366e38", "16777217", "2^24+0.5", "123456.789",
    "''", "'a'", "string.rep('x', 31)", "string.rep('x', 32)", "string.rep('x', 255)",
    "string.rep('x', 256)", "string.rep('x', 65535)", "string.rep('x', 65536)", "'\\0\\1\\255'",
    "true", "false", "nil", "{}", "{1, 2, 3}", "{{}}", "{1, {2, {3}}}", "{'a', 'b'}",
    "{1, nil, 3}", "{nil, nil, 3}", "{[2] = 1}", "{[1] = 1, [2] = 2, [4] = 4}", "{a = 1}",
    "{[1.5] = 1}", "{[0] = 1}", "{[-1] = 1}", "{[2^31] = 1}", "{[2^31 - 1] = 1}", "{[true] = 1}",
    "{[{}] = 1}", "{x = {y = {z = {}}}}", "{n = 0/0}", "print", "coroutine.create(function() end)",
    "cjson.null", "{cjson.null}", "{1, cjson.null, 3}", "{[1] = cjson.null}",
    "setmetatable({}, {__index = function() return 1 end})", "setmetatable({1, 2}, {__index = error})",
]


@pytest.mark.parametrize("value", PACK_VALUES)
def test_pack(differ: Differ, value: str) -> None:
    differ.check("local ok, r = pcall(cmsgpack.pack, %s) return {tostring(ok), r}" % value.replace(
        "print", "tostring"))


ARRAYS = [16, 17, 65535, 65536, 70000]


@pytest.mark.parametrize("n", ARRAYS)
def test_pack_long_arrays_and_maps(differ: Differ, n: int) -> None:
    """Array and map headers of each size (the map keys are all strings: compared by length
    and by round trip, since their order is the table's)."""
    differ.check("local t = {} for i = 1, %d do t[i] = i %% 7 end return cmsgpack.pack(t)" % n)
    differ.check("local t = {} for i = 1, %d do t['k' .. i] = i end local s = cmsgpack.pack(t) "
                 "local u = cmsgpack.unpack(s) local n = 0 for k, v in pairs(u) do "
                 "assert(t[k] == v) n = n + 1 end return {#s, n, s:sub(1, 3)}" % n)


def test_pack_nesting_limit(differ: Differ) -> None:
    """Tables nested 16 deep are packed as nil, cycles included."""
    differ.check("local t = {} local c = t for i = 1, 30 do c[1] = {} c = c[1] end "
                 "return cmsgpack.pack(t)")
    differ.check("local t = {} t[1] = t return cmsgpack.pack(t)")
    differ.check("local t = {} t.self = t return cmsgpack.pack(t)")
    differ.check("local t = {} local c = t for i = 1, 15 do c[1] = {} c = c[1] end c[1] = 'deep' "
                 "return {cmsgpack.pack(t), cmsgpack.pack({t}), cmsgpack.pack({[t] = 1})}")


def test_pack_many_arguments(differ: Differ) -> None:
    differ.check("return cmsgpack.pack(1, 'two', {3}, nil, true, 0.25)")
    for n in (3999, 4000, 4001):
        differ.check("local t = {} for i = 1, %d do t[i] = i end "
                     "local ok, r = pcall(function() return cmsgpack.pack(unpack(t)) end) "
                     "return {tostring(ok), #tostring(r) < 200 and r or #r}" % n)


UNPACKS = [
    "'\\0'", "'\\127'", "'\\128'", "'\\143'", "'\\144'", "'\\159'", "'\\160'", "'\\191'", "'\\192'",
    "'\\194'", "'\\195'", "'\\204\\255'", "'\\205\\255\\255'", "'\\206\\255\\255\\255\\255'",
    "'\\207\\255\\255\\255\\255\\255\\255\\255\\255'", "'\\207\\127\\255\\255\\255\\255\\255\\255\\255'",
    "'\\207\\128\\0\\0\\0\\0\\0\\0\\0'", "'\\207\\0\\32\\0\\0\\0\\0\\0\\1'", "'\\208\\128'", "'\\208\\127'",
    "'\\209\\255\\128'", "'\\209\\128\\0'", "'\\210\\128\\0\\0\\0'", "'\\210\\255\\255\\255\\254'",
    "'\\211\\128\\0\\0\\0\\0\\0\\0\\0'", "'\\211\\255\\255\\255\\255\\255\\255\\255\\255'",
    "'\\211\\0\\32\\0\\0\\0\\0\\0\\1'", "'\\224'", "'\\255'", "'\\202\\63\\192\\0\\0'",
    "'\\202\\127\\128\\0\\0'", "'\\202\\255\\192\\0\\0'", "'\\202\\0\\0\\0\\1'",
    "'\\203\\63\\185\\153\\153\\153\\153\\153\\154'", "'\\203\\127\\240\\0\\0\\0\\0\\0\\0'",
    "'\\203\\0\\0\\0\\0\\0\\0\\0\\1'", "'\\217\\3abc'", "'\\217\\0'", "'\\218\\0\\3abc'",
    "'\\219\\0\\0\\0\\3abc'", "'\\163abc'", "'\\147\\1\\2\\3'", "'\\220\\0\\2\\1\\2'",
    "'\\221\\0\\0\\0\\2\\1\\2'", "'\\130\\161a\\1\\161b\\2'", "'\\222\\0\\1\\1\\2'",
    "'\\223\\0\\0\\0\\1\\195\\194'", "'\\129\\145\\1\\2'", "'\\129\\128\\1'", "'\\146\\192\\1'",
    "'\\146\\1\\192'", "'\\147\\192\\192\\192'", "'\\129\\1\\192'", "'\\130\\1\\2\\1\\3'",
    "'\\1\\2\\3'", "'\\147\\1\\2\\3\\161x'", "''", "'\\129\\202\\127\\128\\0\\0\\1'",
    "'\\129\\129\\1\\2\\3'",
]


@pytest.mark.parametrize("data", UNPACKS)
def test_unpack(differ: Differ, data: str) -> None:
    differ.check(_protected("cmsgpack.unpack(%s)" % data))


BAD = [
    "'\\193'", "'\\196\\1a'", "'\\197\\0\\1a'", "'\\198\\0\\0\\0\\1a'", "'\\199\\1\\1a'",
    "'\\200\\0\\1\\1a'", "'\\201\\0\\0\\0\\1\\1a'", "'\\212\\1a'", "'\\213\\1ab'", "'\\214\\1abcd'",
    "'\\215\\1abcdefgh'", "'\\216\\1abcdefghabcdefgh'", "'\\204'", "'\\205\\1'", "'\\206\\1\\2\\3'",
    "'\\207\\1'", "'\\208'", "'\\209\\1'", "'\\210'", "'\\211\\1\\2'", "'\\202\\1\\2'",
    "'\\203\\1\\2\\3'", "'\\217'", "'\\217\\5ab'", "'\\218\\0'", "'\\218\\0\\5ab'", "'\\219\\0\\0'",
    "'\\219\\0\\0\\0\\9abc'", "'\\165ab'", "'\\147\\1\\2'", "'\\220\\0'", "'\\220\\0\\3\\1'",
    "'\\221\\0\\0\\0'", "'\\221\\0\\0\\0\\9\\1'", "'\\130\\1\\2\\3'", "'\\222\\0'", "'\\222\\0\\1\\1'",
    "'\\223\\0\\0'", "'\\223\\0\\0\\0\\1'", "'\\129'", "'\\145\\193'", "'\\1\\193'",
    "'\\129\\192\\1'", "'\\129\\203\\255\\248\\0\\0\\0\\0\\0\\0\\1'", "'\\129\\192\\193'",
]


@pytest.mark.parametrize("data", BAD)
def test_unpack_errors(differ: Differ, data: str) -> None:
    differ.check(_protected("cmsgpack.unpack(%s)" % data))
    differ.check("return {pcall(cmsgpack.unpack, %s)}" % data)


STREAMS = [
    "cmsgpack.unpack_one(s)", "cmsgpack.unpack_one(s, 0)", "cmsgpack.unpack_one(s, 1)",
    "cmsgpack.unpack_one(s, 5)", "cmsgpack.unpack_one(s, 9)", "cmsgpack.unpack_one(s, #s)",
    "cmsgpack.unpack_one(s, #s + 1)", "cmsgpack.unpack_one(s, -1)", "cmsgpack.unpack_one(s, 2.9)",
    "cmsgpack.unpack_one(s, '3')", "cmsgpack.unpack_one(s, nil)", "cmsgpack.unpack_one(s, 3)",
    "cmsgpack.unpack_limit(s, 0)", "cmsgpack.unpack_limit(s, 0, 0)", "cmsgpack.unpack_limit(s, 1)",
    "cmsgpack.unpack_limit(s, 2)", "cmsgpack.unpack_limit(s, 3)", "cmsgpack.unpack_limit(s, 100)",
    "cmsgpack.unpack_limit(s, 2, 1)", "cmsgpack.unpack_limit(s, 0, 1)", "cmsgpack.unpack_limit(s, 0, #s)",
    "cmsgpack.unpack_limit(s, -1)", "cmsgpack.unpack_limit(s, 1, -5)", "cmsgpack.unpack_limit(s, 1, 2^40)",
    "cmsgpack.unpack_limit(s, 1, -2^40)", "cmsgpack.unpack_limit(s, 2^31)", "cmsgpack.unpack_limit(s, 1/0)",
    "cmsgpack.unpack_limit(s, 0/0)", "cmsgpack.unpack_limit(s, 1, #s + 5)",
    "cmsgpack.unpack_limit(s)", "cmsgpack.unpack_limit(s, 'x')", "cmsgpack.unpack_one(s, {})",
    "cmsgpack.unpack_limit(s, 1, {})", "cmsgpack.unpack_one()", "cmsgpack.unpack_one(nil, 1)",
    "cmsgpack.unpack_limit({}, 1)", "cmsgpack.unpack_limit(nil, 'x')", "cmsgpack.unpack()",
    "cmsgpack.unpack({})", "cmsgpack.unpack(s, 1, 2)", "cmsgpack.unpack(12)", "cmsgpack.unpack_one(12)",
    "cmsgpack.unpack_one('')", "cmsgpack.unpack_limit('', 1)", "cmsgpack.unpack_limit('', 0)",
]


@pytest.mark.parametrize("call", STREAMS)
def test_streams(differ: Differ, call: str) -> None:
    differ.check(CANON + "local s = cmsgpack.pack(1, 'two', {3, 4}, true, 5.5) "
                 "local r = {pcall(function() return canon_all(%s) end)} "
                 "return {tostring(r[1]), r[2]}" % call)


def test_stream_walk(differ: Differ) -> None:
    differ.check(CANON + "local s = cmsgpack.pack(1, 'a', {2}, nil, false) local out, off = {}, 0 "
                 "while off ~= -1 do local v off, v = cmsgpack.unpack_one(s, off) "
                 "out[#out + 1] = canon(off) .. '/' .. canon(v) end return out")


STACK_LIMITS = [
    "string.rep('\\1', 7999)", "string.rep('\\1', 8000)", "string.rep('\\145', 3999) .. '\\1'",
    "string.rep('\\145', 4000) .. '\\1'", "string.rep('\\145', 3998) .. '\\144'",
    "string.rep('\\145', 3999) .. '\\144'", "string.rep('\\129\\1', 3999) .. '\\1'",
    "string.rep('\\129\\1', 4000) .. '\\1'", "string.rep('\\129', 7997) .. '\\1' .. string.rep('\\1', 7997)",
    "string.rep('\\129', 7998) .. '\\1' .. string.rep('\\1', 7998)", "string.rep('\\144', 7998)",
    "string.rep('\\144', 7999)", "string.rep('\\129\\1', 3998) .. '\\144'",
    "string.rep('\\129\\1', 3999) .. '\\144'",
]


@pytest.mark.parametrize("data", STACK_LIMITS)
def test_stack_limits(differ: Differ, data: str) -> None:
    differ.check("local r = {pcall(function() return select('#', cmsgpack.unpack(%s)) end)} "
                 "return {tostring(r[1]), r[2]}" % data)


@pytest.mark.parametrize("call", ["cmsgpack.unpack(s, 1)", "cmsgpack.unpack_limit(s, 7998)",
                                  "cmsgpack.unpack_limit(s, 7999)", "cmsgpack.unpack_one(s, 10)"])
def test_stack_limits_with_offsets(differ: Differ, call: str) -> None:
    differ.check("local s = string.rep('\\1', 8000) local r = {pcall(function() "
                 "return select('#', %s) end)} return {tostring(r[1]), r[2]}" % call)


ROUND_TRIPS = [
    "{1, 2, 3}", "{a = {b = {c = 'd'}}}", "{1, 'x', {true, false}, {k = 0.1}}",
    "{string.rep('\\255', 300), 2^40, -2^40, 0.5}", "{[1] = 'a', [3] = 'c'}", "{0/0}", "{1/0, -1/0}",
    "{{}, {{}}, {[{}] = {}}}",
]


@pytest.mark.parametrize("value", ROUND_TRIPS)
def test_round_trip(differ: Differ, value: str) -> None:
    differ.check(_protected("cmsgpack.unpack(cmsgpack.pack(%s))" % value))


def test_all_bytes(differ: Differ) -> None:
    differ.check("local s = '' for i = 0, 255 do s = s .. string.char(i) end "
                 "return {cmsgpack.pack(s), cmsgpack.unpack(cmsgpack.pack(s)) == s and 'same' or 'differ'}")
    differ.check(CANON + "local out = {} for i = 0, 255 do "
                 "local ok, r = pcall(function() return canon_all(cmsgpack.unpack(string.char(i) .. "
                 "string.rep('\\0', 8))) end) out[#out + 1] = tostring(ok) .. ' ' .. r end return out")


def test_library_table(differ: Differ) -> None:
    differ.check("local t = {} for k, v in pairs(cmsgpack) do t[#t + 1] = k .. '=' .. tostring("
                 "type(v) == 'function' and 'function' or v) end table.sort(t) return t")


_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(), st.integers(-2**64, 2**64).map(float),
              st.binary(max_size=40)),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(
        st.one_of(st.binary(max_size=5), st.integers(-3, 20).map(float), st.booleans()), children,
        max_size=5),
    max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUE, min_size=1, max_size=3))
def test_pack_then_unpack_never_raises_python_errors(values: list) -> None:
    s = Session()
    open_cmsgpack(s.state)
    lib = s.globals.get_str(b"cmsgpack")
    packed = s.call(lib.get_str(b"pack"), [to_lua(v) for v in values])  # type: ignore[union-attr]
    assert isinstance(packed[0], bytes)
    out = s.call(lib.get_str(b"unpack"), packed)  # type: ignore[union-attr]
    assert len(out) == len(values)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=60), st.sampled_from(["unpack", "unpack_one", "unpack_limit"]),
       st.lists(st.one_of(st.integers(-5, 70).map(float), st.none(), st.binary(max_size=2)), max_size=2))
def test_unpack_of_any_bytes_gives_values_or_lua_errors(data: bytes, fn: str, extra: list) -> None:
    s = Session()
    open_cmsgpack(s.state)
    f = s.globals.get_str(b"cmsgpack").get_str(fn.encode())  # type: ignore[union-attr]
    try:
        s.call(f, [data, *extra])
    except LuaError as e:
        assert isinstance(e.value, bytes)


def test_random_bytes_unpack_as_in_redis(differ: Differ) -> None:
    """Random byte strings made of type bytes and payload (seeded): same values or same error."""
    import random

    from tests.vm.lib.redis_diff import lua_string

    rng = random.Random(11)
    heads = [0x00, 0x7F, 0x80, 0x81, 0x90, 0x92, 0xA0, 0xA2, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xCA, 0xCB,
             0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF,
             0xE0, 0xFF]
    datas = [bytes(rng.choice(heads) if rng.random() < 0.5 else rng.randrange(256)
                   for _ in range(rng.randint(1, 12))) for _ in range(300)]
    for i in range(0, len(datas), 50):
        calls = ", ".join("(function() local r = {pcall(function() "
                          "return canon_all(cmsgpack.unpack(%s)) end)} "
                          "return tostring(r[1]) .. ' ' .. r[2] end)()" % lua_string(d)
                          for d in datas[i:i + 50])
        differ.check(CANON + "return {%s}" % calls)
