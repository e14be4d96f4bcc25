"""The long double arithmetic of INCRBYFLOAT and HINCRBYFLOAT (util.c's string2ld and ld2string),
exactly as redis-server on x86-64 does it: x87 80-bit extended precision (a 64-bit significand,
exponents down to 2^-16445 with denormals, up to 2^16384), strtold's syntax (decimal and
hexadecimal, ``inf``, ``nan``), and the "human friendly" ``%.17Lf`` form with trailing zeros
removed. Values are exact rationals (``Fraction``) rounded to the nearest extended value, ties to
even, or ``±inf``.
"""

from __future__ import annotations

import re
from fractions import Fraction

_DEC = re.compile(rb"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?")
_HEX = re.compile(rb"([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?")
_SPECIAL = re.compile(rb"([+-]?)(inf|infinity|nan(\([0-9A-Za-z_]*\))?)", re.IGNORECASE)
_MAX_CHARS = 5 * 1024  # MAX_LONG_DOUBLE_CHARS
_MIN_EXP = -16382  # smallest normal exponent
_DENORMAL_QUANTUM = Fraction(1, 1 << 16445)
_OVERFLOW = Fraction(1 << 16384)
INF = float("inf")

LongDouble = Fraction | float  # a finite value, or ±inf


def _floor_log2(q: Fraction) -> int:
    a, b = q.numerator, q.denominator
    e = a.bit_length() - b.bit_length()
    if (a << -e if e < 0 else a) < (b << e if e > 0 else b):
        e -= 1
    return e


def round_extended(q: Fraction) -> LongDouble:
    """The x87 extended value nearest to q (ties to even); ±inf past the largest finite one."""
    if q == 0:
        return Fraction(0)
    sign = -1 if q < 0 else 1
    a = abs(q)
    e = _floor_log2(a)
    quantum = _DENORMAL_QUANTUM if e < _MIN_EXP else Fraction(2) ** (e - 63)
    n = a / quantum
    whole = n.numerator // n.denominator
    rest = n - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole & 1):
        whole += 1
    value = whole * quantum
    if value >= _OVERFLOW:
        return sign * INF
    return sign * value


def parse(s: bytes) -> LongDouble | None:
    """string2ld: the value, or None where Redis says ``value is not a valid float`` (blank or
    trailing text, NaN, overflow, an underflow to zero, a NUL byte: strtold must read all
    ``slen`` bytes)."""
    if not s or len(s) >= _MAX_CHARS or b"\0" in s:
        return None
    text = s
    m = _SPECIAL.fullmatch(text)
    if m:
        if m.group(2)[:1].lower() == b"n":
            return None
        return -INF if m.group(1) == b"-" else INF
    m = _HEX.fullmatch(text)
    if m and (m.group(2) or m.group(3)):
        digits = m.group(2) + (m.group(3) or b"")
        exp = int(m.group(4) or b"0") - 4 * len(m.group(3) or b"")
        mantissa = int(digits, 16)
        negative = m.group(1) == b"-"
        if mantissa == 0:
            return Fraction(0)
        if exp + 4 * len(digits) > 16400:
            return None  # ERANGE, HUGE_VAL
        if exp + 4 * len(digits) < -16500:
            return None  # ERANGE, zero
        value = round_extended(Fraction(mantissa) * Fraction(2) ** exp)
        return _checked(-value if negative else value)
    m = _DEC.fullmatch(text)
    if not m or not (m.group(2) or m.group(3)):
        return None
    digits = m.group(2) + (m.group(3) or b"")
    exp = int(m.group(4) or b"0") - len(m.group(3) or b"")
    mantissa = int(digits)
    negative = m.group(1) == b"-"
    if mantissa == 0:
        return Fraction(0)
    magnitude = len(str(mantissa)) + exp  # about log10 of the value
    if magnitude > 4934:
        return None
    if magnitude < -4955:
        return None
    q = Fraction(mantissa) * Fraction(10) ** exp
    value = round_extended(q)
    return _checked(-value if negative else value)


def _checked(value: LongDouble) -> LongDouble | None:
    """strtold's ERANGE cases Redis refuses: an overflow to ±HUGE_VAL, an underflow to zero."""
    if value in (INF, -INF) or value == 0:
        return None
    return value


def from_int(n: int) -> LongDouble:
    return round_extended(Fraction(n))


def add(a: LongDouble, b: LongDouble) -> LongDouble | None:
    """a + b in extended precision; None for NaN (inf - inf)."""
    if isinstance(a, float) or isinstance(b, float):
        total = float(a) + float(b)
        return None if total != total else total
    return round_extended(a + b)


def is_finite(v: LongDouble | None) -> bool:
    return v is not None and not isinstance(v, float)


def human(v: LongDouble) -> bytes:
    """ld2string(LD_STR_HUMAN): ``%.17Lf``, trailing zeros and a trailing dot removed, -0 as 0."""
    if isinstance(v, float):
        return b"inf" if v > 0 else b"-inf"
    negative = v < 0
    scaled = abs(v) * 10 ** 17
    whole = scaled.numerator // scaled.denominator
    rest = scaled - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole & 1):
        whole += 1
    digits = str(whole).rjust(18, "0")
    text = (digits[:-17] + "." + digits[-17:]).rstrip("0").rstrip(".")
    if negative:
        text = "-" + text
    if text == "-0":
        text = "0"
    return text.encode()
