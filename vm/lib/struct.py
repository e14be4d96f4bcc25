"""Roberto Ierusalimschy's ``struct`` library (lua_struct.c) as Redis 7.0 gives scripts.

Formats: ``b B h H l L T i[n] I[n]`` integers (1, 1, 2, 2, 8, 8, 8 and n bytes, n <= 32, default
4), ``f d`` floats, ``c[n]`` n chars (``c0``: the whole string when packing, the previous result
as length when unpacking), ``s`` a zero-terminated string, ``x`` a zero byte, ``> <`` big and
little endian (default: this machine's, little), ``![n]`` maximum alignment (default 8), spaces
ignored. The format is a C string: it ends at its first zero byte.

What the C code does on x86-64 is kept where it is not the obvious arithmetic: integers are
packed from ``(unsigned long)n`` (``(long)n`` for negative n), with gcc's casts of
out-of-range doubles; sizes above 8 bytes pad with zeros and unpack only the low 8 bytes, the
sign mask shifted by ``size*8 - 1`` modulo 64 as the CPU does; the unpack offset is a size_t
(a negative offset wraps and is "data string too short" unless the format is empty); a
"string too short" error names the argument after the string, as lua_struct.c's ``arg++`` does.
"""

from __future__ import annotations

import struct

from vm.errors import LuaError
from vm.lib.args import arg_error, c_long, check_number, check_string, opt_integer
from vm.lib.base import LUAI_MAXCSTACK
from vm.runtime.function import Builtin
from vm.runtime.numbers import str_to_number
from vm.runtime.table import LuaTable

_MASK64 = (1 << 64) - 1
_INT_MAX = 2147483647
_MAXINTSIZE = 32
_MAXALIGN = 8  # offsetof(struct {char c; double d;}, d) on x86-64

_BIG, _LITTLE = 0, 1
_NATIVE = _LITTLE
_INTEGERS = frozenset(b"bBhHlLTiI")
_SIZES = {ord("b"): 1, ord("B"): 1, ord("h"): 2, ord("H"): 2, ord("l"): 8, ord("L"): 8,
          ord("T"): 8, ord("f"): 4, ord("d"): 8, ord("x"): 1}
_TWO63 = 9223372036854775808.0


def c_ulong(x: float) -> int:
    """(unsigned long)x as gcc compiles it on x86-64: below 2^63 (and NaN) cvttsd2si, else
    cvttsd2si(x - 2^63) with the top bit flipped, which gives 0 from 2^64 and for infinity."""
    if not x >= _TWO63:
        return c_long(x) & _MASK64
    return (c_long(x - _TWO63) & _MASK64) ^ (1 << 63)


def _signed64(v: int) -> int:
    v &= _MASK64
    return v - (1 << 64) if v >> 63 else v


def float32_bytes(x: float) -> bytes:
    """(float)x in little-endian bytes: rounded to nearest, infinite beyond float's range."""
    try:
        return struct.pack("<f", x)
    except OverflowError:
        return struct.pack("<f", x * float("inf"))


class _Format:
    """A cursor over a format string with its current endianness and alignment (Header)."""

    __slots__ = ("fmt", "i", "endian", "align", "fname")

    def __init__(self, fmt: bytes, fname: str) -> None:
        nul = fmt.find(b"\0")
        self.fmt = fmt if nul < 0 else fmt[:nul]
        self.i = 0
        self.endian = _NATIVE
        self.align = 1
        self.fname = fname

    def next_option(self) -> tuple[int, int] | None:
        """The next option character and its size (optsize), or None at the end."""
        if self.i >= len(self.fmt):
            return None
        opt = self.fmt[self.i]
        self.i += 1
        size = _SIZES.get(opt)
        if size is not None:
            return opt, size
        if opt == 0x63:  # 'c'
            return opt, self.getnum(1)
        if opt in (0x69, 0x49):  # 'i', 'I'
            sz = self.getnum(4)
            if sz > _MAXINTSIZE:
                raise LuaError(b"integral size %d is larger than limit of %d" % (sz, _MAXINTSIZE),
                               positioned=False)
            return opt, sz
        return opt, 0

    def getnum(self, default: int) -> int:
        fmt = self.fmt
        if self.i >= len(fmt) or not 0x30 <= fmt[self.i] <= 0x39:
            return default
        a = 0
        while self.i < len(fmt) and 0x30 <= fmt[self.i] <= 0x39:
            d = fmt[self.i] - 0x30
            if a > _INT_MAX // 10 or a * 10 > _INT_MAX - d:
                raise LuaError(b"integral size overflow", positioned=False)
            a = a * 10 + d
            self.i += 1
        return a

    def toalign(self, pos: int, opt: int, size: int) -> int:
        """gettoalign: padding before an item of ``size`` bytes at offset ``pos``."""
        if size == 0 or opt == 0x63:
            return 0
        if size > self.align:
            size = self.align
        return (size - (pos & (size - 1))) & (size - 1)

    def control(self, opt: int) -> None:
        """controloptions: endianness, alignment, spaces; anything else is an error."""
        if opt == 0x20:
            return
        if opt == 0x3E:  # '>'
            self.endian = _BIG
        elif opt == 0x3C:  # '<'
            self.endian = _LITTLE
        elif opt == 0x21:  # '!'
            a = self.getnum(_MAXALIGN)
            if a <= 0 or a & (a - 1):
                raise LuaError(b"alignment %d is not a power of 2" % a, positioned=False)
            self.align = a
        else:
            raise arg_error(1, self.fname, b"invalid format option '%c'" % opt)


def _int_bytes(value: int, size: int, endian: int) -> bytes:
    """putinteger's bytes: the low ``size`` bytes of a 64-bit value, zeros beyond 8."""
    little = value.to_bytes(8, "little")[:size] + bytes(max(size - 8, 0))
    return little if endian == _LITTLE else little[::-1]


def _int_value(raw: bytes, endian: int, signed: bool) -> float:
    """getinteger: the low 8 bytes as unsigned, or sign-extended from bit size*8 - 1."""
    size = len(raw)
    big = raw if endian == _BIG else raw[::-1]
    v = int.from_bytes(big, "big") & _MASK64
    if not signed:
        return float(v)
    mask = (_MASK64 << ((size * 8 - 1) & 63)) & _MASK64
    if v & mask:
        v |= mask
    return float(_signed64(v))


def _ordered(raw: bytes, endian: int) -> bytes:
    """correctbytes: native (little-endian) bytes in the requested order."""
    return raw if endian == _NATIVE else raw[::-1]


def s_pack(L, args: list) -> list:
    """struct.pack(fmt, v1, v2, ...): the values packed into a string."""
    f = _Format(check_string(args, 0, "pack"), "pack")
    args = [*args, None]  # the nil b_pack pushes as a mark: a missing argument is "got nil"
    out = bytearray()
    arg = 2  # 1-based, as in C
    total = 0
    while (item := f.next_option()) is not None:
        opt, size = item
        pad = f.toalign(total, opt, size)
        total += pad
        out += bytes(pad)
        if opt in _INTEGERS:
            n = check_number(args, arg - 1, "pack")
            arg += 1
            value = c_long(n) & _MASK64 if n < 0 else c_ulong(n)
            out += _int_bytes(value, size, f.endian)
        elif opt == 0x78:  # 'x'
            out += b"\0"
        elif opt == 0x66:  # 'f'
            out += _ordered(float32_bytes(check_number(args, arg - 1, "pack")), f.endian)
            arg += 1
        elif opt == 0x64:  # 'd'
            out += _ordered(struct.pack("<d", check_number(args, arg - 1, "pack")), f.endian)
            arg += 1
        elif opt in (0x63, 0x73):  # 'c', 's'
            s = check_string(args, arg - 1, "pack")
            arg += 1
            if size == 0:
                size = len(s)
            if len(s) < size:
                raise arg_error(arg, "pack", b"string too short")
            out += s[:size]
            if opt == 0x73:
                out += b"\0"
                size += 1
        else:
            f.control(opt)
        total += size
    return [bytes(out)]


def _isnumber(v: object) -> bool:
    return v.__class__ is float or (v.__class__ is bytes and str_to_number(v) is not None)  # type: ignore[arg-type]


def _tonumber(v: object) -> float:
    return v if v.__class__ is float else str_to_number(v)  # type: ignore[arg-type,return-value]


def s_unpack(L, args: list) -> list:
    """struct.unpack(fmt, data [, pos]): the values read, then the position after them."""
    f = _Format(check_string(args, 0, "unpack"), "unpack")
    data = check_string(args, 1, "unpack")
    ld = len(data)
    pos = opt_integer(args, 2, "unpack", 1) & _MASK64
    if pos == 0:
        raise arg_error(3, "unpack", b"offset must be 1 or greater")
    pos -= 1
    nargs = len(args)
    res: list = []
    while (item := f.next_option()) is not None:
        opt, size = item
        pos = (pos + f.toalign(pos, opt, size)) & _MASK64
        if not (size <= ld and pos <= ld - size):
            raise arg_error(2, "unpack", b"data string too short")
        if nargs + len(res) + 2 > LUAI_MAXCSTACK:
            raise LuaError(b"stack overflow (too many results)", positioned=False)
        if opt in _INTEGERS:
            res.append(_int_value(data[pos:pos + size], f.endian, opt >= 0x61))
        elif opt == 0x66:  # 'f'
            res.append(struct.unpack("<f", _ordered(data[pos:pos + 4], f.endian))[0])
        elif opt == 0x64:  # 'd'
            res.append(struct.unpack("<d", _ordered(data[pos:pos + 8], f.endian))[0])
        elif opt == 0x63:  # 'c'
            if size == 0:
                if not res or not _isnumber(res[-1]):
                    raise LuaError(b"format 'c0' needs a previous size", positioned=False)
                size = c_ulong(_tonumber(res.pop()))
                if not (size <= ld and pos <= ld - size):
                    raise arg_error(2, "unpack", b"data string too short")
            res.append(data[pos:pos + size])
        elif opt == 0x73:  # 's'
            end = data.find(b"\0", pos)
            if end < 0:
                raise LuaError(b"unfinished string in data", positioned=False)
            size = end - pos + 1
            res.append(data[pos:end])
        elif opt != 0x78:  # 'x' reads nothing
            f.control(opt)
        pos = (pos + size) & _MASK64
    res.append(float(_signed64(pos + 1)))
    return res


def s_size(L, args: list) -> list:
    """struct.size(fmt): the bytes a format packs into (formats of fixed size only)."""
    f = _Format(check_string(args, 0, "size"), "size")
    pos = 0
    while (item := f.next_option()) is not None:
        opt, size = item
        pos += f.toalign(pos, opt, size)
        if opt == 0x73:
            raise arg_error(1, "size", b"option 's' has no fixed size")
        if opt == 0x63 and size == 0:
            raise arg_error(1, "size", b"option 'c0' has no fixed size")
        if not bytes((opt,)).isalnum():  # letters that are no option are ignored here
            f.control(opt)
        pos += size
    return [float(_signed64(pos))]


def open_struct(L) -> LuaTable:
    """Register the ``struct`` table in L's globals (luaopen_struct) and return it."""
    t = LuaTable(0, 4)
    for name, fn in (("pack", s_pack), ("unpack", s_unpack), ("size", s_size)):
        t.set_str(name.encode(), Builtin(name, fn))
    L.globals.set_str(b"struct", t)
    return t
