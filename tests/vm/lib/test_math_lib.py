"""The math library against real Lua 5.1: exact result bits (NaN signs and -0 included), argument
errors, and rand() sequences, compared with lupa's Lua 5.1 and the lua5.1 binary."""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import random
import shutil
import struct
import subprocess
from io import BytesIO

import pytest
from lupa import lua51  # the reference: without it these tests fail

from vm.lib.args import c_int as to_cint
from vm.lib.math import CRand
from vm.session import Session

_CAPTURE = rb"""
_OUT = {}
function print(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  _OUT[#_OUT + 1] = table.concat(t, "\t") .. "\n"
end
"""


def ours(src: bytes) -> bytes:
    out = BytesIO()
    Session(out=out).run(src, b"=stdin")
    return out.getvalue()


def real(src: bytes) -> bytes:
    """Run src in lupa's Lua 5.1, print captured."""
    lua = lua51.LuaRuntime(encoding=None)
    lua.execute(_CAPTURE)
    lua.execute(src, name=b"=stdin")
    return lua.eval(b"table.concat(_OUT)")


_HAVE_LUA51 = shutil.which("lua5.1") is not None


def binary(src: bytes) -> bytes:
    """Run src in the lua5.1 binary (chunk name "stdin", like ours and real's)."""
    return subprocess.run(["lua5.1", "-"], input=src, capture_output=True, check=True).stdout


def same_output(src: bytes) -> bytes:
    """Our output must equal lupa's up to NaN signs (see _key_any_nan) and lua5.1's exactly."""
    mine = ours(src)
    theirs = real(src)
    assert mine.replace(b"-nan", b"nan").decode("latin-1").splitlines() == \
        theirs.replace(b"-nan", b"nan").decode("latin-1").splitlines()
    if _HAVE_LUA51:
        assert mine.decode("latin-1").splitlines() == binary(src).decode("latin-1").splitlines()
    return mine


# ---- exact results ----------------------------------------------------------------------------

# Calls math[name] on consecutive groups of `arity` arguments and returns every result, each
# followed by a flag saying it is -0 (lupa hands integral numbers to Python as ints).
_APPLY = rb"""
local args = {...}
local f = math[args[1]]
local arity = args[2]
local out, n = {}, 0
for i = 3, select("#", ...), arity do
  local r
  if arity == 1 then r = {f(args[i])} else r = {f(args[i], args[i + 1])} end
  for k = 1, #r do
    local v = r[k]
    out[n + 1] = v
    out[n + 2] = v == 0 and 1 / v < 0
    n = n + 2
  end
end
return unpack(out, 1, n)
"""

_INF = float("inf")
_DNAN = _INF - _INF  # the FPU's default NaN, negative
_PNAN = -_DNAN

SPECIAL = [
    0.0, -0.0, _INF, -_INF, _DNAN, _PNAN, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.0, -2.0, 2.5, -2.5,
    0.1, -0.1, 1e-310, -1e-310, 5e-324, -5e-324, 2.2250738585072014e-308, 1e308, -1e308,
    1.7976931348623157e308, -1.7976931348623157e308, 709.78, 709.79, 710.0, -710.0, -745.0,
    -746.0, 1e-20, 1e20, -1e20, 2.0**52 + 0.5, 2.0**53, -(2.0**53) - 2, 2.0**63, -(2.0**63),
    2.0**31, -(2.0**31), 2.0**32 + 5, 3e9, math.pi, -math.pi, math.pi / 2, math.pi / 4, 1e15,
    0.9999999999999999, -0.9999999999999999, 1.0000000000000002, 123456.789, -98765.4321,
]


def _random_inputs(seed: int, n: int) -> list[float]:
    rng = random.Random(seed)
    xs = [rng.uniform(-10, 10) for _ in range(n)]
    xs += [rng.choice((-1, 1)) * 10 ** rng.uniform(-320, 308) for _ in range(n)]
    xs += [rng.uniform(-1.5, 1.5) for _ in range(n)]
    xs += [float(rng.randint(-1000, 1000)) + rng.choice((0.0, 0.5, 0.25)) for _ in range(n)]
    for _ in range(n):  # arbitrary bit patterns, keeping away from NaN payloads
        x = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if x == x:
            xs.append(x)
    return xs


INPUTS = SPECIAL + _random_inputs(51, 120)


def _key(x: float) -> str:
    """A value's identity for comparison: its bits (NaN payloads do not occur in these tests)."""
    return struct.pack("<d", x).hex()


def _key_any_nan(x: float) -> str:
    """Bits, but every NaN alike: lupa's wheel links glibc's old compat symbols (log@GLIBC_2.2.5
    ...), whose NaNs for domain errors differ in sign from this machine's libm, which lua5.1 and
    Python use. NaN signs are checked against the lua5.1 binary instead."""
    return "nan" if x != x else _key(x)


def _c_g17(x: float) -> str:
    """printf("%.17g", x) as glibc prints it ("-nan" included)."""
    if x != x:
        return "-nan" if math.copysign(1.0, x) < 0 else "nan"
    return "%.17g" % x


def _lua_literal(x: float) -> str:
    """Lua source for exactly x (-0 through a variable: constant folding would merge it with 0)."""
    if x != x:
        return "(0/0)" if math.copysign(1.0, x) < 0 else "(-(0/0))"
    if x in (_INF, -_INF):
        return "(1/0)" if x > 0 else "(-1/0)"
    if x == 0.0 and math.copysign(1.0, x) < 0:
        return "(-z)"
    return repr(x)


def _ours_apply(name: str, arity: int, values: list[float]) -> list[float]:
    res = Session(out=BytesIO()).run(_APPLY, b"=apply", [name.encode(), float(arity), *values])
    return [res[i] for i in range(0, len(res), 2)]


def _lupa_apply(name: str, arity: int, values: list[float]) -> list[float]:
    lua = lua51.LuaRuntime(encoding=None)
    res = lua.execute(_APPLY, name.encode(), arity, *values)
    if not isinstance(res, tuple):
        res = (res,)
    return [-0.0 if res[i + 1] else float(res[i]) for i in range(0, len(res), 2)]


def _binary_apply(name: str, arity: int, values: list[float]) -> list[str]:
    """The lua5.1 binary's results, printed with %.17g."""
    src = "local z = 0\nlocal f = math.%s\nlocal xs = {%s}\n" % (
        name, ",\n".join(_lua_literal(x) for x in values))
    src += """
for i = 1, #xs, %d do
  local r = {f(xs[i], xs[i + 1])}
  for k = 1, #r do io.write(string.format("%%.17g", r[k]), "\\n") end
end
""" % arity
    out = subprocess.run(["lua5.1", "-"], input=src.encode(), capture_output=True, check=True)
    return out.stdout.decode().splitlines()


def _compare(name: str, arity: int, values: list[float]) -> None:
    for start in range(0, len(values), 1200):  # stay below unpack's stack limit
        chunk = values[start:start + 1200]
        mine = _ours_apply(name, arity, chunk)
        theirs = _lupa_apply(name, arity, chunk)
        a = [_key_any_nan(x) for x in mine]
        b = [_key_any_nan(x) for x in theirs]
        if a != b:
            bad = [(i, chunk[i * arity:(i + 1) * arity], m, t)
                   for i, (m, t) in enumerate(zip(mine, theirs, strict=False)) if m is not t]
            pytest.fail(f"math.{name} differs from lupa: {bad[:10]} ({len(a)}, {len(b)})")
        if _HAVE_LUA51:
            a = [_c_g17(x) for x in mine]
            b = _binary_apply(name, arity, chunk)
            if a != b:
                bad = [(i, chunk[i * arity:(i + 1) * arity], m, t)
                       for i, (m, t) in enumerate(zip(a, b, strict=False)) if m != t]
                pytest.fail(f"math.{name} differs from lua5.1: {bad[:10]} ({len(a)}, {len(b)})")


UNARY = ["abs", "acos", "asin", "atan", "ceil", "cos", "cosh", "deg", "exp", "floor", "log",
         "log10", "rad", "sin", "sinh", "sqrt", "tan", "tanh", "modf", "frexp"]


@pytest.mark.parametrize("name", UNARY)
def test_unary_exact(name: str) -> None:
    _compare(name, 1, INPUTS)


_PAIR_VALUES = SPECIAL[:40]


def _pairs(xs: list[float], ys: list[float]) -> list[float]:
    return [v for x in xs for y in ys for v in (x, y)]


@pytest.mark.parametrize("name", ["atan2", "fmod", "mod", "pow", "max", "min"])
def test_binary_exact(name: str) -> None:
    values = _pairs(_PAIR_VALUES, _PAIR_VALUES)
    rng = random.Random(name)
    for _ in range(600):
        values += [rng.choice(INPUTS), rng.choice(INPUTS)]
    _compare(name, 2, values)


def test_ldexp_exact() -> None:
    exps = [0.0, 1.0, -1.0, 10.0, -10.0, 1023.0, 1024.0, -1074.0, -1075.0, 2000.0, -2000.0,
            2.0**31, 2.0**32 + 3, -(2.0**32) - 3, 1e10, 2.5, -2.5, _INF, -_INF, _DNAN, 2.0**63, 1e300]
    _compare("ldexp", 2, _pairs(SPECIAL, exps))


def test_multiple_arguments_min_max() -> None:
    same_output(rb"""
print(math.max(1, 5, 3), math.min(1, 5, 3), math.max(-1), math.min(7))
print(math.max(3, 0/0, 5), math.min(3, 0/0, 1), math.max(0/0, 1, 2), math.min(0/0, 1, 2))
local z = 0
print(math.max(z, -z), math.max(-z, z), math.min(z, -z), math.min(-z, z))
print(math.max("10", 9), math.min(" 0x10 ", 17), math.max(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))
""")


def test_printed_special_values() -> None:
    same_output(rb"""
local z = 0
local nz = -z
print(math.sqrt(-1), math.sqrt(nz), math.log(0), math.log(-1), math.log10(-1), math.acos(2))
print(math.exp(1000), math.exp(-1000), math.fmod(1, 0), math.fmod(1/0, 2), math.fmod(5.5, 1/0))
print(math.floor(1/0), math.ceil(-1/0), math.floor(0/0), math.ceil(-(0/0)), math.floor(nz))
print(math.ceil(-0.5), math.floor(-0.5), math.ceil(0.5), math.floor(2^53), math.ceil(-2^60 - 0.5))
print(math.modf(1/0)) print(math.modf(-1/0)) print(math.modf(0/0)) print(math.modf(-3.75))
print(math.modf(nz)) print(math.frexp(0)) print(math.frexp(nz)) print(math.frexp(1/0))
print(math.frexp(-(0/0))) print(math.frexp(1e-310)) print(math.frexp(-12))
print(math.huge, -math.huge, math.pi, math.mod == math.fmod, math.mod(7, 3))
print(math.deg(math.pi), math.rad(180), math.pow(2, 0.5), math.pow(-8, 1/3), math.pow(0, -1))
print(math.abs(-0), math.abs(0/0), math.abs(-(0/0)), math.abs(-1/0), math.abs("-3"))
print(math.sin(1/0), math.cos(-1/0), math.tan(1/0), math.cosh(800), math.sinh(-800))
print(math.atan2(0/0, 1), math.atan2(1, 0/0), math.atan2(-(0/0), 0/0), math.atan2(nz, -1))
print(math.floor("3.7"), math.ceil("0x10"), math.sqrt(" 16 "), math.ldexp("1", "3"))
""")


def test_math_table_contents() -> None:
    out = same_output(rb"""
local names = {}
for k in pairs(math) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
for _, k in ipairs(names) do print(k, type(math[k])) end
""")
    assert b"randomseed" in out and b"mod" in out


# ---- argument errors --------------------------------------------------------------------------

_FUNCS = ["abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "deg", "exp", "floor",
          "fmod", "frexp", "ldexp", "log", "log10", "max", "min", "mod", "modf", "pow", "rad",
          "randomseed", "sin", "sinh", "sqrt", "tan", "tanh"]


def test_argument_errors_direct() -> None:
    lines = []
    for name in _FUNCS:
        for args in ["", '"x"', "{}", "nil", "true", "1, nil", "1, 'y'", "'1', {}", "1, 2, print"]:
            call = f"math.{name}, {args}" if args else f"math.{name}"
            lines.append(f"print('{name}', {args!r}, pcall({call}))")
    same_output("\n".join(lines).encode())


def test_argument_errors_named() -> None:
    lines = []
    for name in _FUNCS:
        for args in ["", '"x"', "1, {}"]:
            lines.append(f"print(pcall(function() return math.{name}({args}) end))")
            lines.append(f"print(pcall(function() local m = math; return m['{name}']({args}) end))")
    lines.append("print(pcall(function() local floor = math.floor; return floor('z') end))")
    lines.append("print(pcall(function() return math.max(1, 2, 'q') end))")
    lines.append("print(pcall(function() return math.min(1, nil, 3) end))")
    same_output("\n".join(lines).encode())


def test_random_argument_errors() -> None:
    same_output(rb"""
math.randomseed(7)
print(pcall(math.random, 1, 2, 3))
print(pcall(function() return math.random(1, 2, 3) end))
print(pcall(function() return math.random(0) end))
print(pcall(function() return math.random(-5) end))
print(pcall(function() return math.random(5, 4) end))
print(pcall(function() return math.random(2^31) end))
print(pcall(function() return math.random("x") end))
print(pcall(function() return math.random(1, "x") end))
print(pcall(function() return math.random(nil) end))
print(pcall(function() return math.random(1, nil) end))
print(pcall(math.random, {}))
print(pcall(math.randomseed))
print(pcall(function() math.randomseed("seed") end))
print(math.random())
""")


# ---- random -----------------------------------------------------------------------------------

SEEDS = [0.0, 1.0, 2.0, 3.0, 42.0, -1.0, 123456789.0, 2.0**31, -(2.0**31), 2.0**31 - 1,
         2.0**32 + 7, 1e10, 0.5, -7.9, 2.0**53, 1e300, _INF, _DNAN, 4294967295.0]


def _random_script(seed: float) -> bytes:
    return (rb"""
math.randomseed(%r)
local out = {}
for i = 1, 40 do out[#out + 1] = math.random() end
for i = 1, 40 do out[#out + 1] = math.random(10) end
for i = 1, 40 do out[#out + 1] = math.random(-5, 5) end
for i = 1, 10 do out[#out + 1] = math.random(2^31 - 1) end
for i = 1, 10 do out[#out + 1] = math.random(-2^31, 2^31 - 1) end
for i = 1, 10 do out[#out + 1] = math.random(2^32 + 3) end
for i = 1, 10 do out[#out + 1] = math.random(3.9, 7.2) end
for i = 1, 10 do out[#out + 1] = math.random("4") end
return unpack(out)
""" % (seed,)).replace(b"inf", b"1/0").replace(b"nan", b"0/0")


@pytest.mark.parametrize("seed", SEEDS)
def test_random_sequences_match_lupa(seed: float) -> None:
    src = _random_script(seed)
    mine = Session(out=BytesIO()).run(src, b"=stdin")
    lua = lua51.LuaRuntime(encoding=None)
    theirs = [float(v) for v in lua.execute(src)]
    assert [_key(v) for v in mine] == [_key(v) for v in theirs]


def test_random_failed_call_still_draws() -> None:
    same_output(rb"""
math.randomseed(99)
pcall(math.random, 0)
pcall(math.random, 1, 2, 3)
print(math.random(1000), math.random(1000))
""")


def test_unseeded_sequence_matches_lua51_binary() -> None:
    assert shutil.which("lua5.1") is not None, "lua5.1 is not installed (apt-get install lua5.1)"
    src = rb"""
local t = {}
for i = 1, 30 do t[#t + 1] = tostring(math.random()) end
for i = 1, 30 do t[#t + 1] = tostring(math.random(1000)) end
for i = 1, 30 do t[#t + 1] = tostring(math.random(-3, 3)) end
print(table.concat(t, " "))
"""
    assert ours(src) == binary(src)


def test_crand_known_values() -> None:
    """glibc's rand() after srand(1) (and before any srand) starts 1804289383, 846930886, ..."""
    g = CRand()
    assert [g.rand() for _ in range(5)] == [1804289383, 846930886, 1681692777, 1714636915,
                                            1957747793]
    g.seed(0)  # srand(0) is srand(1)
    assert g.rand() == 1804289383


def _libc():
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    libc = ctypes.CDLL(name)
    try:
        gnu = ctypes.CDLL(None).gnu_get_libc_version
    except AttributeError:
        return None
    return libc if gnu else None


def test_crand_equals_glibc_rand() -> None:
    libc = _libc()
    assert libc is not None, "glibc's libc.so.6 is the reference for rand()"
    libc.srand.argtypes = [ctypes.c_uint]
    rng = random.Random(5)
    seeds = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 127773, 2836]
    seeds += [rng.getrandbits(32) for _ in range(20)]
    for seed in seeds:
        libc.srand(seed)
        expected = [libc.rand() for _ in range(400)]
        g = CRand(seed)
        assert [g.rand() for _ in range(400)] == expected, seed


def test_to_cint() -> None:
    assert to_cint(5.9) == 5
    assert to_cint(-5.9) == -5
    assert to_cint(2.0**31) == -(2**31)
    assert to_cint(2.0**32 + 5) == 5
    assert to_cint(-(2.0**32) - 5) == -5
    assert to_cint(_INF) == 0
    assert to_cint(-_INF) == 0
    assert to_cint(_DNAN) == 0
    assert to_cint(2.0**63) == 0
    assert to_cint(2.0**62 + 2.0**40 + 7 * 2.0**20) == 7 * 2**20
