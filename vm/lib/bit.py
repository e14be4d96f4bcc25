"""LuaBitOp 1.0.2 (``bit``), the bit library Redis gives scripts: 32-bit operations on numbers.

Every argument is normalised as lua_bit.c's ``barg`` does it: the double plus 2^52 + 2^51, whose
low 32 mantissa bits are then the number rounded to an integer (ties to even) modulo 2^32; NaN
and the infinities give 0. Results are those 32 bits read as a signed int. A non-number
argument (a string must convert, as lua_tonumber converts) is "number expected". In the
variadic band/bor/bxor the first argument is read first, then the others from the last down,
so the error names the same argument as Redis. Shift counts use their low 5 bits.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from vm.lib.args import type_error
from vm.runtime.function import Builtin
from vm.runtime.numbers import str_to_number
from vm.runtime.table import LuaTable

_MAGIC = 6755399441055744.0  # 2^52 + 2^51: adding it leaves the integer part in the low bits
_DOUBLE = struct.Struct("<d")
_QWORD = struct.Struct("<Q")


def tobit(x: float) -> int:
    """The 32 low bits, unsigned, of a double normalised as barg does it."""
    return _QWORD.unpack(_DOUBLE.pack(x + _MAGIC))[0] & 0xFFFFFFFF


def _barg(args: list, i: int, fname: str) -> int:
    """barg(L, i + 1): argument i (0-based) as unsigned 32 bits."""
    v = args[i] if i < len(args) else None
    if v.__class__ is float:
        return tobit(v)  # type: ignore[arg-type]
    if v.__class__ is bytes:
        n = str_to_number(v)  # type: ignore[arg-type]
        if n is not None:
            return tobit(n)
    raise type_error(args, i, fname, b"number")


def _ret(b: int) -> list:
    """BRET: the 32 bits as a signed int, as a Lua number."""
    b &= 0xFFFFFFFF
    return [float(b - 0x100000000 if b & 0x80000000 else b)]


def _tobit(L, args: list) -> list:
    return _ret(_barg(args, 0, "tobit"))


def _bnot(L, args: list) -> list:
    return _ret(~_barg(args, 0, "bnot"))


def _variadic(name: str, op: Callable[[int, int], int]) -> Builtin:
    def fn(L, args: list) -> list:
        b = _barg(args, 0, name)
        for i in range(len(args) - 1, 0, -1):
            b = op(b, _barg(args, i, name))
        return _ret(b)

    return Builtin(name, fn)


def _rol(b: int, n: int) -> int:
    return (b << n) | (b >> (32 - n)) if n else b


def _ror(b: int, n: int) -> int:
    return (b >> n) | (b << (32 - n)) if n else b


def _sar(b: int, n: int) -> int:
    return (b - 0x100000000 if b & 0x80000000 else b) >> n


def _shift(name: str, op: Callable[[int, int], int]) -> Builtin:
    def fn(L, args: list) -> list:
        b = _barg(args, 0, name)
        n = _barg(args, 1, name) & 31
        return _ret(op(b, n))

    return Builtin(name, fn)


def _bswap(L, args: list) -> list:
    b = _barg(args, 0, "bswap")
    return _ret(int.from_bytes(b.to_bytes(4, "little"), "big"))


def _tohex(L, args: list) -> list:
    """tohex(x [, n]): n digits (default 8), uppercase when n is negative, at most 8."""
    b = _barg(args, 0, "tohex")
    if len(args) < 2:
        n = 8
    else:
        n = _barg(args, 1, "tohex")
        n = n - 0x100000000 if n & 0x80000000 else n
    digits = "%08x"
    if n == -0x80000000:  # Redis's fix for -INT_MIN (CVE-2024-31449)
        n += 1
    if n < 0:
        n = -n
        digits = "%08X"
    n = min(n, 8)
    return [(digits % b)[8 - n:].encode() if n else b""]


_FUNCS: list[tuple[str, Callable]] = [
    ("tobit", _tobit),
    ("bnot", _bnot),
    ("bswap", _bswap),
    ("tohex", _tohex),
]


def open_bit(L) -> LuaTable:
    """Register the ``bit`` table in L's globals (luaopen_bit) and return it."""
    t = LuaTable(0, 12)
    for name, fn in _FUNCS:
        t.set_str(name.encode(), Builtin(name, fn))
    for name, op in (("band", int.__and__), ("bor", int.__or__), ("bxor", int.__xor__)):
        t.set_str(name.encode(), _variadic(name, op))
    shifts: list[tuple[str, Callable[[int, int], int]]] = [
        ("lshift", int.__lshift__), ("rshift", int.__rshift__), ("arshift", _sar),
        ("rol", _rol), ("ror", _ror)]
    for name, op in shifts:
        t.set_str(name.encode(), _shift(name, op))
    L.globals.set_str(b"bit", t)
    return t
