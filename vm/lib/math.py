"""The math library (lmathlib.c): C's libm results, glibc's rand(), 5.1's argument rules.

Python's math module calls the same libm for finite results, but raises where C returns a
special value (log(0), sqrt(-1), exp(1000), fmod(x, 0), cos(inf) ...). Each function here
rebuilds what glibc on x86-64 returns then, NaN sign included: tostring shows it ("-nan" is
the FPU's default NaN, which most invalid operations produce; acos, asin and log10 return a
positive one). NaN arguments reach libm unchanged, so their sign propagates as in C.

math.random reproduces glibc's rand() exactly (see ``CRand``), so seeded sequences equal
lua5.1's on glibc systems. Each Lua state has its own generator, where C has one per process.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from vm.errors import LuaError
from vm.lib.args import arg_error, check_int, check_number
from vm.runtime.function import Builtin
from vm.runtime.numbers import arith_pow
from vm.runtime.table import LuaTable

_INF = float("inf")
_DEFAULT_NAN = _INF - _INF  # the FPU's default NaN: "-nan" on x86-64
_POS_NAN = math.copysign(math.nan, 1.0)
_PI = 3.14159265358979323846
_RADIANS_PER_DEGREE = _PI / 180.0
_RAND_MAX = 2147483647


def _wrap_int(n: int) -> int:
    """C int arithmetic that overflowed: wrap to 32 bits, as x86-64 does."""
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n & 0x80000000 else n


# ---- glibc's rand() --------------------------------------------------------------------------


class CRand:
    """glibc's rand()/srand(): random_r's TYPE_3 additive feedback generator.

    31 words of state; each draw adds the word 31 places back to the word 3 places back,
    r[i] = r[i-3] + r[i-31] (mod 2^32), and returns it shifted right by one. srand fills the
    state with 16807 * r[i-1] mod (2^31 - 1) (Schrage's method, in int32 arithmetic) and throws
    the first 310 draws away. Before any srand the state is srand(1)'s, like C's.
    """

    __slots__ = ("state", "f", "r")

    def __init__(self, seed: int = 1) -> None:
        self.state = [0] * 31
        self.f = 3
        self.r = 0
        self.seed(seed)

    def seed(self, seed: int) -> None:
        """srand(seed), seed an unsigned int (a C int is taken modulo 2^32)."""
        seed &= 0xFFFFFFFF
        if seed == 0:
            seed = 1
        word = seed - 0x100000000 if seed & 0x80000000 else seed  # int32_t word = seed
        state = self.state
        state[0] = seed
        for i in range(1, 31):
            hi = word // 127773 if word >= 0 else -(-word // 127773)  # C's truncating /
            lo = word - hi * 127773
            word = _wrap_int(16807 * lo - 2836 * hi)
            if word < 0:
                word += 2147483647
            state[i] = word & 0xFFFFFFFF
        self.f = 3
        self.r = 0
        for _ in range(310):
            self.rand()

    def rand(self) -> int:
        """The next rand(): 0 .. RAND_MAX."""
        state = self.state
        f = self.f
        r = self.r
        val = (state[f] + state[r]) & 0xFFFFFFFF
        state[f] = val
        # the two positions stay 3 apart, so at most one wraps at a time
        self.f = 0 if f == 30 else f + 1
        self.r = 0 if r == 30 else r + 1
        return val >> 1


# ---- libm with C's special values -------------------------------------------------------------


def _inf_like(x: float) -> float:
    return math.copysign(_INF, x)


def _pos_inf(x: float) -> float:
    return _INF


def _libm(fn: Callable[[float], float], domain_nan: float, pole: float | None = None,
          overflow: Callable[[float], float] = _pos_inf) -> Callable[[float], float]:
    """fn with Python's exceptions turned back into the values glibc returns: ``domain_nan``
    for a domain error, ``pole`` at zero (log), ``overflow(x)`` for a result out of range."""

    def c_fn(x: float) -> float:
        try:
            return fn(x)
        except ValueError:
            if pole is not None and x == 0.0:
                return pole
            return domain_nan
        except OverflowError:
            return overflow(x)

    return c_fn


c_acos = _libm(math.acos, _POS_NAN)
c_asin = _libm(math.asin, _POS_NAN)
c_cos = _libm(math.cos, _DEFAULT_NAN)
c_sin = _libm(math.sin, _DEFAULT_NAN)
c_tan = _libm(math.tan, _DEFAULT_NAN)
c_cosh = _libm(math.cosh, _DEFAULT_NAN)
c_sinh = _libm(math.sinh, _DEFAULT_NAN, overflow=_inf_like)
c_exp = _libm(math.exp, _DEFAULT_NAN)
c_log = _libm(math.log, _DEFAULT_NAN, pole=-_INF)
c_log10 = _libm(math.log10, _POS_NAN, pole=-_INF)
c_sqrt = _libm(math.sqrt, _DEFAULT_NAN)


def c_floor(x: float) -> float:
    """C floor(): a float; -0.0, infinities and NaN come back as they are."""
    if x and x - x == 0.0:  # finite and nonzero
        return float(math.floor(x))
    return x


def c_ceil(x: float) -> float:
    """C ceil(): ceil(-0.5) is -0.0; infinities and NaN come back as they are."""
    if x and x - x == 0.0:
        r = float(math.ceil(x))
        return r if r else -0.0  # only x in (-1, 0) gives zero
    return x


def c_fmod(x: float, y: float) -> float:
    """C fmod(): an infinite x or a zero y gives the default NaN; NaN operands propagate."""
    try:
        return math.fmod(x, y)
    except ValueError:
        return _DEFAULT_NAN


def c_atan2(y: float, x: float) -> float:
    """C atan2(): Python returns its own NaN for NaN operands; glibc returns the NaN operand,
    x when both are (measured against lua5.1)."""
    if x != x:
        return x
    if y != y:
        return y
    return math.atan2(y, x)


def c_ldexp(x: float, e: int) -> float:
    try:
        return math.ldexp(x, e)
    except OverflowError:
        return math.copysign(_INF, x)


# ---- the library functions --------------------------------------------------------------------


def _unary(name: str, fn: Callable[[float], float]) -> Builtin:
    def m(L, args: list) -> list:
        return [fn(check_number(args, 0, name))]

    return Builtin(name, m)


# lmathlib.c checks two arguments inside one C call's argument list, which gcc evaluates right
# to left: the second argument's error comes first, in lua5.1 as in lupa.


def m_atan2(L, args: list) -> list:
    x = check_number(args, 1, "atan2")
    return [c_atan2(check_number(args, 0, "atan2"), x)]


def m_fmod(L, args: list) -> list:
    y = check_number(args, 1, "fmod")
    return [c_fmod(check_number(args, 0, "fmod"), y)]


def m_pow(L, args: list) -> list:
    y = check_number(args, 1, "pow")
    return [arith_pow(check_number(args, 0, "pow"), y)]


def m_modf(L, args: list) -> list:
    frac, whole = math.modf(check_number(args, 0, "modf"))
    return [whole, frac]


def m_frexp(L, args: list) -> list:
    m, e = math.frexp(check_number(args, 0, "frexp"))  # 0, inf and NaN give (x, 0) as in C
    return [m, float(e)]


def m_ldexp(L, args: list) -> list:
    e = check_int(args, 1, "ldexp")
    return [c_ldexp(check_number(args, 0, "ldexp"), e)]


def m_deg(L, args: list) -> list:
    return [check_number(args, 0, "deg") / _RADIANS_PER_DEGREE]


def m_rad(L, args: list) -> list:
    return [check_number(args, 0, "rad") * _RADIANS_PER_DEGREE]


def m_min(L, args: list) -> list:
    """min(x, ...): every argument must be a number; NaNs never win a comparison."""
    best = check_number(args, 0, "min")
    for i in range(1, len(args)):
        d = check_number(args, i, "min")
        if d < best:
            best = d
    return [best]


def m_max(L, args: list) -> list:
    best = check_number(args, 0, "max")
    for i in range(1, len(args)):
        d = check_number(args, i, "max")
        if d > best:
            best = d
    return [best]


def _random_fns(gen: CRand) -> tuple[Builtin, Builtin]:
    """math.random and math.randomseed over one generator."""

    def m_random(L, args: list) -> list:
        # drawn before the arguments are checked, as lmathlib.c does
        r = (gen.rand() % _RAND_MAX) / _RAND_MAX
        n = len(args)
        if n == 0:
            return [r]
        if n == 1:
            u = check_int(args, 0, "random")
            if not 1 <= u:
                raise arg_error(1, "random", b"interval is empty")
            return [c_floor(r * u) + 1]
        if n == 2:
            lo = check_int(args, 0, "random")
            u = check_int(args, 1, "random")
            if not lo <= u:
                raise arg_error(2, "random", b"interval is empty")
            return [c_floor(r * _wrap_int(u - lo + 1)) + lo]
        raise LuaError(b"wrong number of arguments", positioned=False)

    def m_randomseed(L, args: list) -> list:
        gen.seed(check_int(args, 0, "randomseed"))
        return []

    return Builtin("random", m_random), Builtin("randomseed", m_randomseed)


_UNARY: list[tuple[str, Callable[[float], float]]] = [
    ("abs", math.fabs),
    ("acos", c_acos),
    ("asin", c_asin),
    ("atan", math.atan),
    ("ceil", c_ceil),
    ("cosh", c_cosh),
    ("cos", c_cos),
    ("exp", c_exp),
    ("floor", c_floor),
    ("log10", c_log10),
    ("log", c_log),
    ("sinh", c_sinh),
    ("sin", c_sin),
    ("sqrt", c_sqrt),
    ("tanh", math.tanh),
    ("tan", c_tan),
]

_OTHERS = [
    ("atan2", m_atan2),
    ("deg", m_deg),
    ("fmod", m_fmod),
    ("frexp", m_frexp),
    ("ldexp", m_ldexp),
    ("max", m_max),
    ("min", m_min),
    ("modf", m_modf),
    ("pow", m_pow),
    ("rad", m_rad),
]

_MATHLIB_ORDER = ("abs acos asin atan2 atan ceil cosh cos deg exp floor fmod frexp ldexp log10 log max min "
                  "modf pow rad random randomseed sinh sin sqrt tanh tan").split()


def open_math(L) -> LuaTable:
    """Register the math table in L's globals (luaopen_math, LUA_COMPAT_MOD's math.mod too)."""
    random, randomseed = _random_fns(CRand())
    functions = {name: _unary(name, fn) for name, fn in _UNARY}
    functions.update((name, Builtin(name, f)) for name, f in _OTHERS)
    functions.update(random=random, randomseed=randomseed)
    # lmathlib.c's mathlib[] order into a table sized for it (luaL_register): pairs(math) order
    t = LuaTable(0, len(functions))
    for name in _MATHLIB_ORDER:
        t.set_str(name.encode(), functions.pop(name))
    assert not functions, functions
    t.set_str(b"pi", _PI)
    t.set_str(b"huge", _INF)
    t.set_str(b"mod", t.get_str(b"fmod"))
    L.globals.set_str(b"math", t)
    return t
