"""The ``cjson`` library (lua_cjson.c) against real Redis 7's EVAL: encoded text byte for byte,
decoded values, every option function, error texts with their character positions, and the
depth and Lua stack limits of both directions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.vm.lib.redis_diff import CANON, Differ, to_lua
from vm.errors import LuaError
from vm.lib.cjson import LightUserdata, open_cjson
from vm.session import Session


@pytest.fixture(scope="module")
def differ(redis_url: str) -> Differ:
    return Differ(redis_url, open_cjson)


def _encode(expr: str, setup: str = "") -> str:
    """A script returning cjson.encode(expr), or the error, from a fresh cjson (options set by
    ``setup`` do not leak into other scripts: Redis keeps one Lua state for all EVALs)."""
    return ("local cjson = cjson.new() %s local ok, r = pcall(function() return cjson.encode(%s) end) "
            "return {tostring(ok), r}" % (setup, expr))


def _decode(text: str, setup: str = "") -> str:
    return CANON + ("local cjson = cjson.new() %s local ok, r = pcall(function() "
                    "return canon(cjson.decode(%s)) end) return {tostring(ok), r}" % (setup, text))


NUMBERS = [
    "0", "-0", "1", "-1", "0.1", "1/3", "-2/3", "100", "1e14", "1e15", "1e16", "123456789012345",
    "12345678901234567", "1e-4", "1e-5", "1e-7", "2^53", "2^63", "-2^63", "1e308", "-1e308",
    "2^-1074", "1e100", "3.14159265358979", "0.30000000000000004", "255.5", "1e21", "4.5e-10",
]


@pytest.mark.parametrize("value", NUMBERS)
def test_encode_numbers(differ: Differ, value: str) -> None:
    differ.check(_encode(value))
    differ.check(_encode("{%s}" % value))


@pytest.mark.parametrize("precision", ["1", "2", "5", "10", "13", "14"])
def test_encode_number_precision(differ: Differ, precision: str) -> None:
    differ.check(_encode("{0.1, 1/3, 123456.789, 1e15 + 0.3, -2^40, 100, 5e-324}",
                         "cjson.encode_number_precision(%s)" % precision))


INVALID = ["1/0", "-1/0", "0/0", "{1/0}", "{[1/0] = 1}", "{[-1/0] = 'x'}", "{a = 0/0}"]


@pytest.mark.parametrize("value", INVALID)
@pytest.mark.parametrize("mode", ["", "cjson.encode_invalid_numbers(true)",
                                  "cjson.encode_invalid_numbers('on')",
                                  "cjson.encode_invalid_numbers('null')",
                                  "cjson.encode_invalid_numbers('off')",
                                  "cjson.encode_invalid_numbers(false)"])
def test_encode_invalid_numbers(differ: Differ, value: str, mode: str) -> None:
    differ.check(_encode(value, mode))


STRINGS = [
    "''", "'abc'", "'a\"b'", "'a\\\\b'", "'a/b'", "'\\b\\f\\n\\r\\t'", "'\\0'", "'\\1\\2\\31\\127'",
    "'\\128\\255'", "'héllo wörld'", "'\\226\\130\\172'", "string.rep('x', 10000)",
    "'</script>'", "'\\\\u0041'",
]


@pytest.mark.parametrize("value", STRINGS)
def test_encode_strings(differ: Differ, value: str) -> None:
    differ.check(_encode(value))


def test_encode_every_byte(differ: Differ) -> None:
    differ.check("local t = {} for i = 0, 255 do t[#t + 1] = cjson.encode(string.char(i)) end "
                 "local s = '' for i = 0, 255 do s = s .. string.char(i) end "
                 "return {table.concat(t, ' '), cjson.encode(s), "
                 "cjson.decode(cjson.encode(s)) == s and 'same' or 'differ'}")


VALUES = [
    "nil", "true", "false", "cjson.null", "{}", "{1, 2, 3}", "{'a', 'b'}", "{1, nil, 3}",
    "{nil, nil, 3}", "{[1] = 1, [3] = 3}", "{[10] = 1}", "{[11] = 1}", "{[20] = 1}",
    "{[1] = 1, [2] = 2, [20] = 3}", "{[1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6, [11] = 1}",
    "{a = 1}", "{a = {b = {c = {}}}}", "{[1.5] = 1}", "{[0] = 1}", "{[-1] = 1}", "{[2^31] = 1}",
    "{[2^31 - 1] = 1}", "{[1] = 1, [2^31] = 2, [5] = 3}", "{[1] = 'x', [1e300] = 1}", "{[true] = 1}",
    "{[false] = 1}", "{[{}] = 1}", "{[cjson.null] = 1}", "{[tostring] = 1}", "{1, 2, a = 3}",
    "{[1] = 'a', x = 'b'}", "{cjson.null, cjson.null}", "{{}, {{}}, {{}, {}}}", "{{1, {2, {3}}}}",
    "{k = cjson.null}", "tostring", "coroutine.create(function() end)", "{tostring}",
    "{a = tostring}", "{['/'] = '/'}", "{[''] = ''}", "{['\\0'] = 1}", "{[-0] = 1}",
    "{[0.5] = 1, [1] = 2}", "{[100] = 1, [200] = 2}",
    "setmetatable({}, {__index = function() return 1 end})", "setmetatable({1}, {__newindex = error})",
    "setmetatable({a = 1}, {__pairs = error, __tostring = error})",
]


@pytest.mark.parametrize("value", VALUES)
def test_encode_values(differ: Differ, value: str) -> None:
    differ.check(_encode(value))


OBJECTS = [
    "{a = 1, b = 2, c = 3, d = 4}", "{x = {1, 2}, y = {z = true}, w = 'str'}", "{[1] = 1, [3] = 3, x = 5}",
    "{1, 2, 3, n = 3}", "{[9] = 1, [10] = 2, [4] = 0}", "{[1.5] = 'a', [2.5] = 'b', [-7] = 'c'}",
]


@pytest.mark.parametrize("value", OBJECTS)
def test_encode_objects(differ: Differ, value: str) -> None:
    """Several keys in the hash part: compared parsed, since the key order is the table's."""
    differ.check_json("local cjson = cjson.new() return cjson.encode(%s)" % value)


SPARSE = [
    "cjson.encode_sparse_array(true)", "cjson.encode_sparse_array('on')",
    "cjson.encode_sparse_array(false, 0)",
    "cjson.encode_sparse_array(false, 1)", "cjson.encode_sparse_array(false, 1, 0)",
    "cjson.encode_sparse_array(true, 3, 2)", "cjson.encode_sparse_array(nil, nil, 100)",
    "cjson.encode_sparse_array(false, 2^31 - 1)", "cjson.encode_sparse_array(false, 2^30, 0)",
]


@pytest.mark.parametrize("setup", SPARSE)
@pytest.mark.parametrize("value", ["{[20] = 1}", "{[3] = 1}", "{1, 2, [5] = 5}", "{[1] = 1, [12] = 2}",
                                   "{[1] = 1, [2] = 2, [3] = 3}"])
def test_encode_sparse_arrays(differ: Differ, setup: str, value: str) -> None:
    differ.check(_encode(value, setup))


def _nest(n: int, open_: str, close: str, inner: str = "1") -> str:
    return ("(function() local t = %s for i = 1, %d do t = %s end return t end)()"
            % (inner, n, open_ + "t" + close))


DEPTHS = [
    (_nest(999, "{", "}", "{}"), ""), (_nest(1000, "{", "}", "{}"), ""), (_nest(1000, "{", "}"), ""),
    (_nest(999, "{a = ", "}", "{}"), ""), (_nest(1000, "{a = ", "}", "{}"), ""),
    (_nest(5, "{", "}"), "cjson.encode_max_depth(5)"), (_nest(4, "{", "}"), "cjson.encode_max_depth(5)"),
    (_nest(4, "{", "}", "{}"), "cjson.encode_max_depth(5)"),
    (_nest(7996, "{", "}", "{}"), "cjson.encode_max_depth(100000)"),
    (_nest(7997, "{", "}", "{}"), "cjson.encode_max_depth(100000)"),
    (_nest(3998, "{a = ", "}", "{}"), "cjson.encode_max_depth(100000)"),
    (_nest(3999, "{a = ", "}", "{}"), "cjson.encode_max_depth(100000)"),
    (_nest(2000, "{x = {", "}}", "{}"), "cjson.encode_max_depth(100000)"),
    (_nest(2660, "{{a = ", "}}", "{}"), "cjson.encode_max_depth(100000)"),
    (_nest(2666, "{{a = ", "}}", "{}"), "cjson.encode_max_depth(100000)"),
    ("(function() local t = {} t[1] = t return t end)()", ""),
    ("(function() local t = {} t.a = t return t end)()", ""),
]


@pytest.mark.parametrize(("value", "setup"), DEPTHS)
def test_encode_depth(differ: Differ, value: str, setup: str) -> None:
    differ.check("local cjson = cjson.new() %s local ok, r = pcall(cjson.encode, %s) "
                 "return {tostring(ok), ok and #r or r}" % (setup, value))


DECODE_OK = [
    "'1'", "'-1'", "'0'", "'-0'", "'1.5'", "'1e3'", "'1E+3'", "'1e-3'", "'123456789012345678901234567890'",
    "'1e400'", "'-1e400'", "'1e-400'", "'0.1'", "'  42  '", "'\\t\\r\\n 7'", "'2.'", "'\"\"'",
    "'\"abc\"'", "'\"a\\\\\"b\"'", "'\"\\\\\\\\ \\\\/ \\\\b \\\\f \\\\n \\\\r \\\\t\"'", "'\"\\\\u0041\"'",
    "'\"\\\\u00e9\"'", "'\"\\\\u20AC\"'", "'\"\\\\uFFFF\"'", "'\"\\\\u0000\"'", "'\"\\\\ud83d\\\\ude00\"'",
    "'\"\\\\uD800\\\\uDC00\"'", "'\"\\128\\255\\1\"'", "'true'", "'false'", "'null'", "'[]'", "'{}'",
    "'[1, 2, 3]'", "'[null, 1, null]'", "'{\"a\": 1}'", "'{\"a\": 1, \"a\": 2}'",
    "'{\"a\": {\"b\": [1, {\"c\": null}]}}'", "'[[[[]]]]'", "'{\"\": \"\"}'", "'[\"\\\\u00\"]'",
    "'0x10'", "'-0x10'", "'0x1p4'", "'0x1.8'", "'+1'", "'+0x10'", "'01'", "'-01'", "'00'", "'nan'",
    "'NaN'", "'-nan'", "'inf'", "'-inf'", "'Infinity'", "'-Infinity'", "'INF'", "'nan(123)'",
    "'0x1.fffffffffffff8p1023'", "'1.7976931348623159e308'", "'4.9e-324'", "'2.4703282292062327e-324'",
    "'0x1p-1075'", "'0x123456789abcdef0123'", "'-0x.8p1'", "'0X1P+4'", "'1.0e+0005'",
    "'[1]\\0garbage'", "'12\\0'", "'\"a\" '", "123", "'[1,2,3]   '", "'{\"k\":[]}'", "'1e5x'",
]


@pytest.mark.parametrize("text", DECODE_OK)
def test_decode(differ: Differ, text: str) -> None:
    differ.check(_decode(text))


DECODE_BAD = [
    "''", "' '", "'['", "'[1'", "'[1,'", "'[1,]'", "'[,1]'", "'{'", "'{\"a\"'", "'{\"a\":'",
    "'{\"a\":}'", "'{\"a\" 1}'", "'{\"a\":1,}'", "'{\"a\":1 \"b\":2}'", "'{1:2}'", "'{a:1}'", "'tru'",
    "'nul'", "'fals'", "'True'", "'\"abc'", "'\"\\\\x\"'", "'\"\\\\'", "'\"\\\\u12\"'", "'\"\\\\u12g4\"'",
    "'\"\\\\ud800\"'", "'\"\\\\udc00\"'", "'\"\\\\ud800\\\\u0041\"'", "'\"\\\\ud800x\"'",
    "'\"\\\\ud800\\\\ud800\"'", "'-'", "'- 1'", "'-a'", "'.5'", "'1 2'", "'[1]x'", "'[1] [2]'",
    "'\\0'", "'a\\0'", "'\\0\\0\\0\\0'", "'\"a\\0b\"'", "'}'", "']'", "':'", "','", "'@'",
    "'\\255'", "'[1,\\255]'", "'nani'", "'infinit'", "'-infinity'", "'+'", "'+x'", "'0x'", "'1e'",
    "'1e+'", "'[1 2]'", "'{\"a\" : 1 , }'", "'\\239\\187\\191{}'", "'/* c */ 1'", "'1\\n2'",
    "'[\"a\",\\n\\n\"b\"x]'", "'\"\\1\"'",
]


@pytest.mark.parametrize("text", DECODE_BAD)
def test_decode_errors(differ: Differ, text: str) -> None:
    differ.check(_decode(text))


NUMBER_TEXTS = ["'01'", "'-01'", "'0x10'", "'+1'", "'nan'", "'-nan'", "'inf'", "'-Infinity'",
                "'1'", "'-0'", "'0'", "'0.5'", "'-a'", "'-'", "'[0x1]'", "'{\"a\": inf}'", "'00'", "'0e1'"]


@pytest.mark.parametrize("text", NUMBER_TEXTS)
@pytest.mark.parametrize("setting", ["false", "'off'", "true"])
def test_decode_invalid_numbers(differ: Differ, text: str, setting: str) -> None:
    differ.check(_decode(text, "cjson.decode_invalid_numbers(%s)" % setting))


def _nested(n: int, open_: str, close: str) -> str:
    return "string.rep('%s', %d) .. '1' .. string.rep('%s', %d)" % (open_, n, close, n)


DECODE_DEPTHS = [
    (_nested(1000, "[", "]"), ""), (_nested(1001, "[", "]"), ""), (_nested(1000, '{"a":', "}"), ""),
    (_nested(1001, '{"a":', "}"), ""), (_nested(5, "[", "]"), "cjson.decode_max_depth(5)"),
    (_nested(6, "[", "]"), "cjson.decode_max_depth(5)"), (_nested(7998, "[",
    "]"), "cjson.decode_max_depth(100000)"),
    (_nested(7999, "[", "]"), "cjson.decode_max_depth(100000)"),
    (_nested(3999, '{"a":', "}"), "cjson.decode_max_depth(100000)"),
    (_nested(4000, '{"a":', "}"), "cjson.decode_max_depth(100000)"),
    (_nested(2666, '[{"a":', "}]"), "cjson.decode_max_depth(100000)"),
    (_nested(2667, '[{"a":', "}]"), "cjson.decode_max_depth(100000)"),
    ("string.rep('  [', 1001)", ""), ("string.rep('[', 999) .. ']'", ""),
]


@pytest.mark.parametrize(("text", "setup"), DECODE_DEPTHS)
def test_decode_depth(differ: Differ, text: str, setup: str) -> None:
    differ.check("local cjson = cjson.new() %s local ok, r = pcall(cjson.decode, %s) "
                 "return {tostring(ok), ok and type(r) or r}" % (setup, text))


OPTIONS = [
    "cjson.encode_max_depth()", "cjson.encode_max_depth(nil)", "cjson.encode_max_depth(7)",
    "cjson.encode_max_depth(1)", "cjson.encode_max_depth(0)", "cjson.encode_max_depth(-1)",
    "cjson.encode_max_depth(2^31 - 1)", "cjson.encode_max_depth(2^31)", "cjson.encode_max_depth(2^32 + 5)",
    "cjson.encode_max_depth(2.9)", "cjson.encode_max_depth('12')", "cjson.encode_max_depth('x')",
    "cjson.encode_max_depth({})", "cjson.encode_max_depth(1, 2)", "cjson.encode_max_depth(0/0)",
    "cjson.decode_max_depth(3)", "cjson.decode_max_depth(0)", "cjson.decode_max_depth(true)",
    "cjson.encode_number_precision()", "cjson.encode_number_precision(3)", "cjson.encode_number_precision(0)",
    "cjson.encode_number_precision(15)", "cjson.encode_number_precision(14)",
    "cjson.encode_number_precision(1, 1)",
    "cjson.encode_keep_buffer()", "cjson.encode_keep_buffer(false)", "cjson.encode_keep_buffer('on')",
    "cjson.encode_keep_buffer('off')", "cjson.encode_keep_buffer('yes')", "cjson.encode_keep_buffer(1)",
    "cjson.encode_keep_buffer({})", "cjson.encode_keep_buffer(true, 1)",
    "cjson.encode_invalid_numbers()", "cjson.encode_invalid_numbers('null')",
    "cjson.encode_invalid_numbers(true)",
    "cjson.encode_invalid_numbers('on')", "cjson.encode_invalid_numbers('off')",
    "cjson.encode_invalid_numbers('nul')",
    "cjson.encode_invalid_numbers('a\\0b')", "cjson.decode_invalid_numbers()",
    "cjson.decode_invalid_numbers(false)",
    "cjson.decode_invalid_numbers('null')", "cjson.decode_invalid_numbers(0)",
    "cjson.encode_sparse_array()", "cjson.encode_sparse_array(true)", "cjson.encode_sparse_array(true, 3, 4)",
    "cjson.encode_sparse_array('on', 0, 0)", "cjson.encode_sparse_array(nil, 5)",
    "cjson.encode_sparse_array(nil, nil, 7)",
    "cjson.encode_sparse_array(false, -1)", "cjson.encode_sparse_array(false, 1, -1)",
    "cjson.encode_sparse_array(false, 'x')", "cjson.encode_sparse_array(false, 1, {})",
    "cjson.encode_sparse_array(1, 2, 3, 4)", "cjson.encode_sparse_array('maybe')",
    "cjson.encode()", "cjson.encode(1, 2)", "cjson.decode()", "cjson.decode('1', 2)", "cjson.decode({})",
    "cjson.decode(nil)", "cjson.decode(true)", "cjson.new() ~= cjson", "cjson.new().null == cjson.null",
    "cjson._NAME", "cjson._VERSION", "type(cjson.null)", "cjson.null == nil",
    "cjson.decode('null') == cjson.null",
    "cjson.decode('[null]')[1] == cjson.null", "#cjson.decode('[null,null]')",
    "cjson.new().encode_max_depth()",
]


@pytest.mark.parametrize("call", OPTIONS)
def test_options(differ: Differ, call: str) -> None:
    """Each option function's results and errors, on a fresh cjson (as a local named cjson)."""
    differ.check(CANON + "local cjson = cjson.new() local r = {pcall(function() return canon_all(%s) end)} "
                 "return {tostring(r[1]), r[2]}" % call)


@pytest.mark.parametrize("call", ["cjson.encode", "cjson.decode, '['", "cjson.encode_max_depth, 0",
                                  "cjson.encode_keep_buffer, 'x'", "cjson.encode_sparse_array, 1, 2, 3, 4",
                                  "cjson.decode, {}", "cjson.encode, tostring"])
def test_errors_through_pcall(differ: Differ, call: str) -> None:
    """Called by pcall directly: '?' as the name and no position."""
    differ.check("local cjson = cjson.new() return {pcall(%s)}" % call)


def test_options_persist(differ: Differ) -> None:
    """Options live in the module table: later calls see them; another table does not."""
    differ.check("local a, b = cjson.new(), cjson.new() a.encode_max_depth(2) a.encode_number_precision(3) "
                 "a.encode_invalid_numbers('null') a.encode_sparse_array(true) "
                 "return {a.encode_max_depth(), b.encode_max_depth(), a.encode({1/3, 1/0, [30] = 1}), "
                 "b.encode({1/3}), tostring(pcall(a.encode, {{{}}}))}")


def test_errors_positioned_from_lua(differ: Differ) -> None:
    differ.check("local ok, e = pcall(function() return cjson.decode('[') end) return e")
    differ.check("local ok, e = pcall(function() return cjson.encode(tostring) end) return e")
    differ.check("local ok, e = pcall(function() return cjson.encode() end) return e")
    differ.check("local ok, e = pcall(function() local c = cjson return c.encode_max_depth(0) end) return e")


def test_round_trips(differ: Differ) -> None:
    differ.check(CANON + "local v = {1, 'two', {three = 3}, {4, {5}}, true, false, cjson.null, 0.1, -2^40} "
                 "return canon(cjson.decode(cjson.encode(v)))")
    differ.check("local s = '{\"a\":[1,2,{\"b\":null}],\"c\":\"\\\\u00e9\"}' "
                 "return cjson.encode(cjson.decode(s).a)")


def test_library_table(differ: Differ) -> None:
    differ.check("local t = {} for k, v in pairs(cjson) do t[#t + 1] = k .. '=' .. type(v) end "
                 "table.sort(t) return t")


# ---- properties: arbitrary inputs give Lua values or Lua errors, never Python exceptions ------

_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
              st.integers(-2**60, 2**60), st.text(max_size=10)),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children,
                                                                      max_size=4),
    max_leaves=25)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_decode_of_python_json_then_encode(value: object) -> None:
    s = Session()
    lib = open_cjson(s.state)
    text = json.dumps(value).encode()
    decoded = s.call(lib.get_str(b"decode"), [text])[0]
    encoded = s.call(lib.get_str(b"encode"), [decoded])[0]
    assert isinstance(encoded, bytes)
    again = json.loads(encoded.decode("utf-8", "surrogateescape").replace("\\/", "/"))
    if isinstance(value, (dict, list)) and not value:
        assert again in ({}, [])
    elif isinstance(value, float | int) and not isinstance(value, bool):
        assert again == pytest.approx(value, rel=1e-13)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40) | st.text(alphabet='[]{}":,0123456789.eE+-truefalsnNIinfx\\u \x00', max_size=30)
       .map(str.encode))
def test_decode_of_any_bytes_gives_values_or_lua_errors(data: bytes) -> None:
    s = Session()
    lib = open_cjson(s.state)
    try:
        out = s.call(lib.get_str(b"decode"), [data])
    except LuaError as e:
        assert isinstance(e.value, bytes)
    else:
        assert len(out) == 1


_LUA = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(), st.binary(max_size=8), st.just(LightUserdata(0))),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.one_of(st.binary(max_size=3), st.floats(allow_nan=False), st.booleans()), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_LUA)
def test_encode_of_any_value_gives_text_or_lua_errors(value: object) -> None:
    s = Session()
    lib = open_cjson(s.state)
    try:
        out = s.call(lib.get_str(b"encode"), [to_lua(value)])
    except LuaError as e:
        assert isinstance(e.value, bytes)
    else:
        assert isinstance(out[0], bytes)


def test_null_is_a_value_of_its_state() -> None:
    """cjson.null is one light userdata per state: equal across cjson.new() tables, named by the
    state's heap like other values, kept by a collection, and of type userdata."""
    s = Session()
    lib = open_cjson(s.state)
    null = lib.get_str(b"null")
    assert s.state.heap.label(null).startswith("userdata#")
    out = s.run(b"local t = {cjson.null, [cjson.null] = 1} collectgarbage() "
                b"return t[1] == cjson.new().null, t[cjson.null], type(cjson.null), "
                b"cjson.new().new().decode('[null]')[1] == cjson.null")
    assert out == [True, 1.0, b"userdata", True]
    other = open_cjson(Session().state).get_str(b"null")
    assert other is not null


def test_random_texts_decode_as_in_redis(differ: Differ) -> None:
    """Random token soup (seeded): the same values or the same error, position included."""
    import random

    from tests.vm.lib.redis_diff import lua_string

    rng = random.Random(7)
    pieces = ['[', ']', '{', '}', ',', ':', '"a"', '"\\u00e9"', '"\\ud83d\\ude00"', '"\\x"', '1', '-2.5e3',
              '0x1F', '01', 'true', 'false', 'null', 'nan', '-inf', ' ', '\n', '"', '\\', 'x', '1e', '+1',
              '\x00', '\xff', '"\\u12"']
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(300)]
    for i in range(0, len(texts), 50):
        calls = ", ".join("(function() local ok, r = pcall(cjson.decode, %s) return tostring(ok) .. ' ' .. "
                          "(ok and canon(r) or r) end)()" % lua_string(t.encode("latin-1"))
                          for t in texts[i:i + 50])
        differ.check(CANON + "local cjson = cjson.new() return {%s}" % calls)
