"""The ``bit`` library (LuaBitOp) against real Redis 7's EVAL: results, number normalisation
(fractions, huge values, NaN, infinities, numeric strings) and argument errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.vm.lib.redis_diff import Differ
from vm.lib.bit import open_bit, tobit
from vm.session import Session


@pytest.fixture(scope="module")
def differ(redis_url: str) -> Differ:
    return Differ(redis_url, open_bit)


NUMBERS = [
    "0", "1", "-1", "0.5", "1.5", "2.5", "-0.5", "-1.5", "-2.5", "0.49999999999999994",
    "2^31", "2^31-1", "-2^31", "-2^31-1", "2^32", "2^32+5", "-2^32", "2^52", "2^52+1", "2^53",
    "2^53+2", "2^60+12345", "2^64", "-2^63", "2^1000", "1e308", "-1e308", "1/0", "-1/0", "0/0",
    "-(0/0)", "1e-300", "-0", "0x7fffffff", "0xffffffff", "0x123456789", "'17'", "'0x10'",
    "'  12  '", "'1e3'", "4294967295.5", "4294967296.5", "2147483647.5", "-2147483648.5",
    "3.999999", "-3.999999", "12345678.9",
]

UNARY = ["tobit", "bnot", "bswap", "tohex"]


@pytest.mark.parametrize("fn", UNARY)
def test_unary(differ: Differ, fn: str) -> None:
    body = ", ".join("tostring(bit.%s(%s))" % (fn, n) for n in NUMBERS)
    differ.check("return {%s}" % body)


@pytest.mark.parametrize("fn", ["lshift", "rshift", "arshift", "rol", "ror"])
@pytest.mark.parametrize("value", ["1", "-1", "0x80000001", "0x12345678", "-2^31", "2^32+3", "0.5",
                                   "1/0", "'255'"])
def test_shifts(differ: Differ, fn: str, value: str) -> None:
    counts = ["0", "1", "4", "31", "32", "33", "-1", "-31", "64", "2^32+1", "1.5", "0/0", "'8'"]
    body = ", ".join("tostring(bit.%s(%s, %s))" % (fn, value, c) for c in counts)
    differ.check("return {%s}" % body)


@pytest.mark.parametrize("fn", ["band", "bor", "bxor"])
def test_variadic(differ: Differ, fn: str) -> None:
    calls = ["1", "0xff, 0x0f", "0xff, 0x0f, 0x3c", "-1, 2^32+7", "0x12345678, -0x12345678",
             "1, 2, 4, 8, 16, 32, 64, 128, 256", "2^31, 2^31", "'7', 3", "1.5, 2.5, 3.5",
             "0/0, 1", "1/0, -1", "-2^31, -1"]
    body = ", ".join("tostring(bit.%s(%s))" % (fn, c) for c in calls)
    differ.check("return {%s}" % body)


@pytest.mark.parametrize("width", ["0", "1", "2", "3", "7", "8", "9", "100", "-1", "-3", "-8", "-9",
                                   "-100", "2^31", "-2^31", "2^32", "2^32-1", "2^32+4", "-2^32-4",
                                   "1.5", "0/0", "'4'", "'-4'"])
def test_tohex_widths(differ: Differ, width: str) -> None:
    differ.check("return {bit.tohex(0x1234abcd, %s), bit.tohex(-1, %s), bit.tohex(0, %s)}"
                 % (width, width, width))


ERRORS = [
    ("tobit", ""), ("tobit", "nil"), ("tobit", "'x'"), ("tobit", "{}"), ("tobit", "true"),
    ("bnot", "'0x'"), ("band", ""), ("band", "1, nil, {}"), ("bor", "1, 2, 'a', 4"),
    ("bxor", "{}, 'a'"), ("lshift", "1"), ("rshift", "nil, 1"), ("arshift", "1, {}"),
    ("rol", "1, 'z'"), ("ror", ""), ("bswap", "false"), ("tohex", "1, nil"), ("tohex", "nil"),
    ("tohex", "1, 'q'"), ("band", "1, 2, 3, nil"), ("tobit", "tostring"),
]


@pytest.mark.parametrize(("fn", "args"), ERRORS)
def test_errors(differ: Differ, fn: str, args: str) -> None:
    """Named and positioned when called from Lua; '?' and unpositioned through pcall."""
    differ.check("local ok, e = pcall(function() return bit.%s(%s) end) return {tostring(ok), e}"
                 % (fn, args))
    differ.check("return {pcall(bit.%s%s)}" % (fn, ", " + args if args else ""))


def test_library_table(differ: Differ) -> None:
    differ.check("local t = {} for k, v in pairs(bit) do t[#t + 1] = k .. '=' .. type(v) end "
                 "table.sort(t) return t")


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_tobit_matches_c_normalisation(x: float) -> None:
    """tobit(x) is x rounded to an integer (ties to even) modulo 2^32, for |x| < 2^51."""
    b = tobit(x)
    if abs(x) < 2.0 ** 51:
        assert b == round(x) % 2**32
    assert 0 <= b < 2**32


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.floats(), st.integers(-2**70, 2**70).map(float), st.text(max_size=4),
                          st.none(), st.booleans()), max_size=4),
       st.sampled_from(["tobit", "bnot", "band", "bor", "bxor", "lshift", "rshift", "arshift",
                        "rol", "ror", "bswap", "tohex"]))
def test_any_arguments_give_lua_results_or_errors(args: list, fn: str) -> None:
    s = Session()
    open_bit(s.state)
    f = s.globals.get_str(b"bit").get_str(fn.encode())  # type: ignore[union-attr]
    lua_args = [a.encode() if isinstance(a, str) else a for a in args]
    from vm.errors import LuaError

    try:
        out = s.call(f, lua_args)
    except LuaError as e:
        assert isinstance(e.value, bytes)
    else:
        assert len(out) == 1 and isinstance(out[0], (float, bytes))


def test_random_numbers_as_in_redis(differ: Differ) -> None:
    """Random doubles of every magnitude (seeded) through every function."""
    import random

    from tests.vm.lib.redis_diff import lua_number

    rng = random.Random(3)
    xs = [lua_number(rng.choice([rng.uniform(-2**33, 2**33), rng.uniform(-1e20, 1e20),
                                 rng.randint(-2**60, 2**60) + rng.random(), rng.random() * 10 - 5,
                                 float(rng.randint(-2**31, 2**32))])) for _ in range(200)]
    for i in range(0, len(xs) - 1, 40):
        calls = []
        for x, y in zip(xs[i:i + 40], xs[i + 1:i + 41], strict=False):
            calls.append("table.concat({bit.tobit(%s), bit.bnot(%s), bit.band(%s, %s), bit.bor(%s, %s), "
                         "bit.bxor(%s, %s), bit.lshift(%s, %s), bit.rshift(%s, %s), bit.arshift(%s, %s), "
                         "bit.rol(%s, %s), bit.ror(%s, %s), bit.bswap(%s), bit.tohex(%s, %s)}, ' ')"
                         % (x, x, x, y, x, y, x, y, x, y, x, y, x, y, x, y, x, y, x, x, y))
        differ.check("return {%s}" % ", ".join(calls))
