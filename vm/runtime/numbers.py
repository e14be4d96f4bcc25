"""Lua 5.1 number semantics shared by the compiler, the VM and the libraries.

Lua 5.1 delegates its numbers to C: tostring is sprintf("%.14g") (LUA_NUMBER_FMT), string to
number is strtod with a strtoul fallback (luaO_str2d), tonumber with a base is strtoul
(luaB_tonumber), and the arithmetic is the luai_num* macros of luaconf.h on doubles. This module
reproduces what those do with glibc on x86-64, where Python would raise (x/0, pow overflow) or
differ (math.floor's int, Python's float() grammar). Every function here is total on floats and
bytes (tonumber_base only refuses a base outside 2..36). Numbers are Python floats (see
vm.runtime); strings are bytes.
"""

from __future__ import annotations

import math
import re
import struct
from functools import cache

_INF = float("inf")
# The FPU's default NaN, what C's 0.0/0.0 and glibc's invalid pow() produce (sign bit set on
# x86-64, so Lua prints "-nan"). Computed at run time so it is the hardware's own.
_DEFAULT_NAN = _INF - _INF

# C's isspace() in the "C" locale: the only whitespace strtod, strtoul and luaO_str2d skip.
_WS = rb"[ \t\n\x0b\f\r]"

# What glibc's strtod accepts, anchored at both ends with the whitespace luaO_str2d allows after
# it. Possessive quantifiers keep long digit runs linear. Alternatives: hexadecimal (optional
# binary exponent), decimal (optional exponent), inf/infinity, nan/nan(n-char-sequence).
_STR2D = re.compile(
    rb"%s*+(?:"
    rb"(?P<hex>[+-]?+0[xX](?:[0-9a-fA-F]++(?:\.[0-9a-fA-F]*+)?+|\.[0-9a-fA-F]++)(?:[pP][+-]?+[0-9]++)?)"
    rb"|(?P<dec>[+-]?+(?:[0-9]++(?:\.[0-9]*+)?+|\.[0-9]++)(?:[eE][+-]?+[0-9]++)?)"
    rb"|(?P<sign>[+-]?+)(?:(?P<inf>[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)"
    rb"|(?P<nan>[nN][aA][nN](?:\([0-9A-Za-z_]*+\))?))"
    rb")%s*+" % (_WS, _WS)
)

_ULONG_MAX = (1 << 64) - 1  # unsigned long on LP64
_DIGITS = b"0123456789abcdefghijklmnopqrstuvwxyz"


def _cstr(s: bytes) -> bytes:
    """The C string Lua hands to strtod/strtoul: everything before the first NUL."""
    nul = s.find(b"\0")
    return s if nul < 0 else s[:nul]


def number_to_bytes(x: float) -> bytes:
    """tostring of a number: sprintf("%.14g") as glibc prints it, "-nan" included."""
    if x != x:
        return b"-nan" if math.copysign(1.0, x) < 0 else b"nan"
    return b"%.14g" % x


def str_to_number(s: bytes) -> float | None:
    """luaO_str2d: the string as a number, or None; glibc strtod's grammar with C-locale spaces.

    The strtoul fallback of luaO_str2d (taken when strtod stops at an 'x') can never succeed
    with a C99 strtod, which already reads hexadecimal: strtoul then stops at that same 'x'.
    NaN payloads of "nan(...)" are dropped; only the sign of a NaN is observable in Lua 5.1.
    """
    m = _STR2D.fullmatch(_cstr(s))
    if m is None:
        return None
    text = m.group("dec")
    if text is not None:
        return float(text)
    text = m.group("hex")
    if text is not None:
        try:
            return float.fromhex(text.decode("ascii"))
        except OverflowError:  # strtod returns HUGE_VAL with ERANGE
            return -_INF if text[:1] == b"-" else _INF
    value = _INF if m.group("inf") is not None else math.nan
    return -value if m.group("sign") == b"-" else value


@cache
def _strtoul_pattern(base: int) -> re.Pattern[bytes]:
    """The strings strtoul(s, &end, base) reads completely, trailing spaces allowed (luaB_tonumber)."""
    digits = re.escape(_DIGITS[:base]) + re.escape(_DIGITS[10:base].upper())
    prefix = rb"(?:0[xX])?" if base == 16 else b""
    return re.compile(rb"%s*+(?P<sign>[+-]?+)%s(?P<digits>[%s]++)%s*+" % (_WS, prefix, digits, _WS))


def tonumber_base(s: bytes, base: int) -> float | None:
    """luaB_tonumber(s, base): base 10 is luaO_str2d, other bases strtoul on LP64.

    strtoul takes a sign: "-n" gives 2**64 - n, and a magnitude beyond 2**64 - 1 gives
    ULONG_MAX whatever the sign; the unsigned long then becomes the nearest double. Base 16
    allows a 0x prefix. Raises ValueError only for a base outside 2..36, which the caller
    (luaL_argcheck's "base out of range") must reject first.
    """
    if base == 10:
        return str_to_number(s)
    if not 2 <= base <= 36:
        raise ValueError("base out of range")
    m = _strtoul_pattern(base).fullmatch(_cstr(s))
    if m is None:
        return None
    digits = m.group("digits").lstrip(b"0")
    # 65 significant digits exceed 2**64 - 1 even in base 2, so int() never meets its digit limit
    n = int(digits, base) if len(digits) <= 64 and digits else (_ULONG_MAX + 1 if digits else 0)
    if n > _ULONG_MAX:
        n = _ULONG_MAX  # overflow: ERANGE and ULONG_MAX, the sign ignored
    elif m.group("sign") == b"-":
        n = -n & _ULONG_MAX
    return float(n)


def arith_div(a: float, b: float) -> float:
    """luai_numdiv: a / b with C's x/0 = ±inf and 0/0 = NaN instead of ZeroDivisionError."""
    if b:
        return a / b
    # a * ±inf is a / ±0 in IEEE arithmetic: signed inf, default NaN for 0, a's own NaN kept
    return a * math.copysign(_INF, b)


def _floor(x: float) -> float:
    """C's floor(): a float, keeping -0.0, infinities and NaN as they are."""
    if x and x - x == 0.0:  # finite and nonzero; math.floor's int is exact as a float
        return float(math.floor(x))
    return x


def arith_mod(a: float, b: float) -> float:
    """luai_nummod: a - floor(a/b)*b, evaluated in C's order (x % 0 is NaN, x % inf is NaN)."""
    return a - _floor(arith_div(a, b)) * b


def _odd_integer(y: float) -> bool:
    """Whether a finite y is an odd integer (C99 pow's sign rule)."""
    return y == math.floor(y) and int(y) % 2 == 1


def _signaling(x: float) -> bool:
    """Whether x is a signaling NaN (quiet bit clear); only binary chunks can carry one."""
    bits = int.from_bytes(struct.pack("<d", x), "little")
    return bits & 0x7FF8000000000000 == 0x7FF0000000000000 and bits & 0x000FFFFFFFFFFFFF != 0


def _pow_nan(a: float, b: float) -> float:
    """glibc's pow() (2.28 on) when an operand is NaN, which NaN it returns included."""
    if b == 0.0:
        return a + b if _signaling(a) else 1.0
    if a == 1.0:
        return a + b if _signaling(b) else 1.0
    if b - b != 0.0:  # b NaN or infinite: x + y, the NaN operand comes back
        return a + b
    # a NaN, b finite: x*x, negated for an odd integer y when x's sign is set; 1/NaN keeps it
    x2 = a * a
    return -x2 if math.copysign(1.0, a) < 0 and _odd_integer(b) else x2


def arith_pow(a: float, b: float) -> float:
    """luai_numpow: C's pow(), whose IEEE special cases Python's math.pow turns into exceptions.

    math.pow follows C99 Annex F for the non-finite cases and calls libm's pow for finite ones;
    it raises only where pow returns ±inf (overflow, 0 to a negative power) or the NaN of a
    negative base to a non-integer power, which are rebuilt here. NaN operands go to _pow_nan:
    math.pow returns the NaN itself, glibc may flip its sign ((-nan)^3 is "nan") and does not
    take 1 for signaling NaNs.
    """
    if a != a or b != b:
        return _pow_nan(a, b)
    try:
        return math.pow(a, b)
    except OverflowError:
        return -_INF if a < 0 and _odd_integer(b) else _INF
    except ValueError:
        if a == 0.0:  # pow(±0, y < 0): ±inf for odd integer y (sign of the zero), else +inf
            return math.copysign(_INF, a) if _odd_integer(b) else _INF
        return _DEFAULT_NAN


def arith_unm(a: float) -> float:
    """luai_numunm: -a, flipping the sign of zeros and NaNs too."""
    return -a


def tonumber_coerce(v: object) -> float | None:
    """luaV_tonumber: a number stays, a string converts by luaO_str2d, anything else is None."""
    if type(v) is float:
        return v
    if type(v) is bytes:
        return str_to_number(v)
    return None


def tostring_coerce(v: object) -> bytes | None:
    """luaV_tostring: a string stays, a number is formatted with "%.14g", anything else is None."""
    if type(v) is bytes:
        return v
    if type(v) is float:
        return number_to_bytes(v)
    return None
