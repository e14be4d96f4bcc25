"""The ``struct`` library (lua_struct.c) against real Redis 7's EVAL: every format option,
endianness and alignment, integer edge values, error texts and positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.vm.lib.redis_diff import Differ
from vm.errors import LuaError
from vm.lib.struct import open_struct
from vm.session import Session


@pytest.fixture(scope="module")
def differ(redis_url: str) -> Differ:
    return Differ(redis_url, open_struct)


def _protected(call: str) -> str:
    """A script returning the call's results (as strings) or its error message."""
    return ("local r = {pcall(function() return %s end)} "
            "for i = 1, #r do r[i] = tostring(r[i]) end return r" % call)


PACKS = [
    "'b', 1", "'b', -1", "'b', 127", "'b', 128", "'b', 255", "'b', 256", "'b', -129", "'B', -1",
    "'B', 300", "'h', 0x1234", "'>h', 0x1234", "'<h', -2", "'H', 65535", "'H', 65536",
    "'>H', -1", "'l', 2^40", "'>l', -2^40", "'L', 2^63", "'L', 2^64", "'L', 2^64 + 2^12",
    "'L', -1", "'l', -2^63", "'l', -2^64", "'l', 1/0", "'l', -1/0", "'l', 0/0", "'L', 1/0",
    "'L', 0/0", "'T', 12345", "'>T', 12345", "'i', 7", "'i', -7", "'>i', 7", "'I', 2^32 - 1",
    "'i1', 300", "'i3', 0x123456", "'>i3', 0x123456", "'>i3', -2", "'i5', -2", "'i8', -2",
    "'i9', -2", "'>i9', -2", "'i16', -1", "'>i16', 2^62", "'I32', 1", "'>I32', 3", "'i0', 5",
    "'b', 1.9", "'b', -1.9", "'b', 2.5", "'b', '12'", "'b', ' 0x10 '",
    "'f', 1.5", "'>f', 1.5", "'f', 0.1", "'f', 1e300", "'f', -1e300", "'f', 1e-300",
    "'f', 1/0", "'f', 3.4028235e38", "'f', 3.4028236e38", "'d', 0.1", "'>d', -0.0",
    "'d', 1/0", "'<d', 2^-1074",
    "'c', 'abc'", "'c3', 'abcdef'", "'c0', 'hello'", "'c0', ''", "'c1', '\\0'", "'s', 'abc'",
    "'s', 'a\\0b'", "'s', ''", "'c2s', 'xyz', 'w'", "'x'", "'xxbx', 7", "'c', 12", "'s', 3.5",
    "'bhbl', 1, 2, 3, 4", "'!bhbl', 1, 2, 3, 4", "'!4bd', 1, 2", "'!2bd', 1, 2", "'!1bd', 1, 2",
    "'!bi3b', 1, 2, 3", "'!8bi3bi3', 1, 2, 3, 4", "'!16bd', 1, 2", "'!bc3h', 1, 'abc', 2",
    "'!bs h', 1, 'ab', 2", "'b>h<h', 1, 2, 3", "'> b h  l', 1, 2, 3", "'!', 1", "'! b h', 1, 2",
    "'bbbb', 1, 2, 3, 4, 5", "''", "'b\\0b', 1, 2", "'>I', 0xdeadbeef", "'<I2', 0xbeef",
]


@pytest.mark.parametrize("args", PACKS)
def test_pack(differ: Differ, args: str) -> None:
    differ.check(_protected("struct.pack(%s)" % args))


UNPACKS = [
    "'b', '\\255'", "'B', '\\255'", "'h', '\\1\\2'", "'>h', '\\255\\254'", "'H', '\\255\\255'",
    "'l', '\\255\\255\\255\\255\\255\\255\\255\\255'", "'L', '\\255\\255\\255\\255\\255\\255\\255\\255'",
    "'L', '\\0\\0\\0\\0\\0\\0\\0\\128'", "'>l', '\\128\\0\\0\\0\\0\\0\\0\\1'",
    "'T', '12345678'", "'i', '\\1\\0\\0\\128'", "'I', '\\1\\0\\0\\128'", "'>i', '\\128\\0\\0\\1'",
    "'i3', '\\255\\255\\127'", "'i3', '\\255\\255\\128'", "'>i3', '\\128\\0\\0'", "'I3', 'abc'",
    "'i9', '\\255\\255\\255\\255\\255\\255\\255\\255\\255'", "'i9', '\\128\\0\\0\\0\\0\\0\\0\\0\\0'",
    "'i9', '\\0\\0\\0\\0\\0\\0\\0\\0\\1'", "'>i9', '\\1\\0\\0\\0\\0\\0\\0\\0\\128'",
    "'i16', string.rep('\\255', 16)", "'I16', string.rep('\\255', 16)", "'i12', string.rep('\\1', 12)",
    "'i0', 'abc'", "'I0', ''", "'i7', '\\0\\0\\0\\0\\0\\0\\64'", "'i7', '\\0\\0\\0\\0\\0\\0\\128'",
    "'f', '\\0\\0\\192\\63'", "'>f', '\\63\\192\\0\\0'", "'f', '\\0\\0\\128\\127'",
    "'f', '\\0\\0\\192\\127'", "'f', '\\0\\0\\192\\255'", "'d', '\\154\\153\\153\\153\\153\\153\\185\\63'",
    "'>d', '\\63\\185\\153\\153\\153\\153\\153\\154'", "'d', '\\0\\0\\0\\0\\0\\0\\240\\127'",
    "'c3', 'abcdef'", "'c0', 'abc'", "'bc0', '\\3abcd'", "'c1c0', '3abcd'", "'c1c0', 'xabcd'",
    "'bc0', '\\9abc'", "'bc0', '\\0abc'", "'fc0', '\\0\\0\\0\\64abc'", "'bxc0', '\\2?abc'",
    "'s', 'ab\\0cd'", "'ss', 'ab\\0cd\\0'", "'s', 'abc'", "'s', '\\0'", "'sb', 'a\\0\\7'",
    "'x', 'a'", "'xxb', 'ab\\5'", "'bhbl', string.rep('\\1', 32)", "'!bhbl', string.rep('\\1', 32)",
    "'!4bd', string.rep('\\0', 16)", "'!bi3b', string.rep('\\2', 12)", "'b', 'abc', 2",
    "'b', 'abc', 3", "'b', 'abc', 4", "'b', 'abc', 0", "'b', 'abc', -1", "'', 'abc', -5",
    "'', 'abc', 10", "'', '', 1", "'b', 'abc', 2.7", "'b', 'abc', '2'", "'!h', 'abcd', 2",
    "'!4bi', string.rep('\\1', 12), 2", "'h', 'a'", "'c5', 'abc'", "'i', 'abc'", "'>bb<h', '\\1\\2\\3\\4'",
    "'b\\0b', '\\1\\2'", "' b ', '\\1'",
]


@pytest.mark.parametrize("args", UNPACKS)
def test_unpack(differ: Differ, args: str) -> None:
    differ.check(_protected("struct.unpack(%s)" % args))


SIZES = ["''", "'b'", "'bhlfdT'", "'!bhlfd'", "'!2bd'", "'!bi3'", "'i32'", "'c10'", "'c'", "'x'",
         "'bzb'", "'b5'", "'>b<h'", "'!4 b d'", "'i33'", "'s'", "'c0'", "'b='", "'!3'", "'!0'",
         "'i99999999999'", "'c2147483647'", "'c2147483648'", "'!c4d'", "'bs'", "'#'", "'b\\0s'",
         "'\\200'", "'!16bd'", "'!bc3h'"]


@pytest.mark.parametrize("fmt", SIZES)
def test_size(differ: Differ, fmt: str) -> None:
    differ.check(_protected("struct.size(%s)" % fmt))


ERRORS = [
    "struct.pack()", "struct.pack({})", "struct.pack('b')", "struct.pack('b', 'x')",
    "struct.pack('b', {})", "struct.pack('z', 1)", "struct.pack('=b', 1)", "struct.pack('i33', 1)",
    "struct.pack('!3b', 1)", "struct.pack('!0b', 1)", "struct.pack('c5', 'abc')",
    "struct.pack('bc5', 1, 'abc')", "struct.pack('c', {})", "struct.pack('s')",
    "struct.pack('i99999999999', 1)", "struct.pack('b5', 1)", "struct.pack(5)",
    "struct.pack('\\200')", "struct.unpack()", "struct.unpack('b')", "struct.unpack('b', {})",
    "struct.unpack('b', 'a', {})", "struct.unpack('b', 'a', 'x')", "struct.unpack('z', 'a')",
    "struct.unpack('c0', 'abc')", "struct.unpack('bc0', '\\255abc')", "struct.unpack('sc0', 'a\\0b')",
    "struct.unpack('s', 'abc')", "struct.unpack('z', 'a', 5)", "struct.size()", "struct.size({})",
    "struct.size('=')", "struct.size('i40')", "struct.unpack(string.rep('b', 7999), string.rep('a', 8000))",
    "struct.unpack(string.rep('b', 7997), string.rep('a', 8000))",
    "struct.unpack(string.rep('b', 7996), string.rep('a', 8000))",
    "struct.unpack(string.rep('b', 7996), string.rep('a', 8000), 1, 2)",
]


@pytest.mark.parametrize("call", ERRORS)
def test_errors(differ: Differ, call: str) -> None:
    """Errors inside a Lua function: named and positioned at the script's line."""
    differ.check("local ok, e = pcall(function() local r = {%s} return #r end) "
                 "return {tostring(ok), tostring(e)}" % call)


@pytest.mark.parametrize("fn, args", [("pack", "'z'"), ("unpack", "'b', ''"), ("size", "'s'"),
                                      ("pack", "'i40'"), ("unpack", "'s', 'a'")])
def test_errors_through_pcall(differ: Differ, fn: str, args: str) -> None:
    """Called by pcall directly: '?' as the name and no position."""
    differ.check("return {pcall(struct.%s, %s)}" % (fn, args))


ROUND_TRIPS = [
    ("'>!4 b h i l d f c3 s x I3'", "-5, 1000, -100000, 2^50, 0.1, 0.5, 'abc', 'zero', 77"),
    ("'<i16I16'", "-3, 2^60"), ("'bBhHiIlLT'", "-1, -1, -1, -1, -1, -1, -1, -1, -1"),
    ("'>bBhHiIlLT'", "-1, -1, -1, -1, -1, -1, -1, -1, -1"),
]


@pytest.mark.parametrize(("fmt", "values"), ROUND_TRIPS)
def test_round_trip(differ: Differ, fmt: str, values: str) -> None:
    differ.check(_protected("struct.unpack(%s, struct.pack(%s, %s))" % (fmt, fmt, values)))


def test_all_bytes(differ: Differ) -> None:
    differ.check("local s = '' for i = 0, 255 do s = s .. struct.pack('B', i) end "
                 "local t = {} for i = 1, 256 do t[i] = struct.unpack('b', s, i) end "
                 "return {s, struct.pack('s', s), struct.pack('c0', s), table.concat(t, ',')}")


def test_library_table(differ: Differ) -> None:
    differ.check("local t = {} for k, v in pairs(struct) do t[#t + 1] = k .. '=' .. type(v) end "
                 "table.sort(t) return t")


_FMT = st.text(alphabet="bBhHlLTiIfdcsx<>! 0123456789=z", max_size=12)
_VALUE = st.one_of(st.floats(), st.integers(-2**70, 2**70).map(float), st.binary(max_size=6),
                   st.none(), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["pack", "unpack", "size"]), _FMT, st.lists(_VALUE, max_size=5))
def test_any_input_gives_lua_results_or_errors(fn: str, fmt: str, values: list) -> None:
    s = Session()
    open_struct(s.state)
    f = s.globals.get_str(b"struct").get_str(fn.encode())  # type: ignore[union-attr]
    try:
        out = s.call(f, [fmt.encode(), *values])
    except LuaError as e:
        assert isinstance(e.value, bytes)
    else:
        assert all(isinstance(v, (float, bytes)) for v in out)


def test_random_formats_as_in_redis(differ: Differ) -> None:
    """Random formats and values (seeded) through pack, unpack and size: same results or errors."""
    import random

    from tests.vm.lib.redis_diff import lua_number, lua_string

    rng = random.Random(5)
    opts = ["b", "B", "h", "H", "l", "L", "T", "i", "I", "i3", "I5", "i12", "f", "d", "c2", "c0", "s", "x",
            "<", ">", "!", "!2", "!4", " "]
    cases = []
    for _ in range(300):
        fmt = "".join(rng.choice(opts) for _ in range(rng.randint(1, 5)))
        values = [lua_number(rng.choice([rng.uniform(-1e6, 1e6), rng.randint(-2**64, 2**64) * 1.0, 0.5, -0.0,
                                         float("inf"), float("nan"), 255.0]))
                  if rng.random() < 0.7 else lua_string(bytes(rng.randrange(256) for _ in range(3)))
                  for _ in range(6)]
        cases.append((lua_string(fmt.encode()), ", ".join(values)))
    for i in range(0, len(cases), 30):
        calls = []
        for fmt, values in cases[i:i + 30]:
            calls.append("(function() local ok, p = pcall(struct.pack, %s, %s) "
                         "local r = {pcall(struct.unpack, %s, ok and p or string.rep('\\7', 40))} "
                         "for j = 1, #r do r[j] = tostring(r[j]) end "
                         "return tostring(ok) .. ' ' .. tostring(p) .. ' ' .. table.concat(r, ',') .. ' ' .. "
                         "tostring(select(2, pcall(struct.size, %s))) end)()" % (fmt, values, fmt, fmt))
        differ.check("return {%s}" % ", ".join(calls))
