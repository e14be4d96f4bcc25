"""lua-cmsgpack 0.4.0 (``cmsgpack``), the MessagePack library Redis gives scripts.

Packing: a number that a 64-bit integer holds exactly is packed as the smallest integer type,
any other number as a 32-bit float when that is exact, else as a double; strings use the
str8/16/32 types (never bin); a table whose keys are exactly 1..n (n >= 0: the empty table too)
is an array, any other a map, in ``next`` order; a table nested 16 deep, nil, functions,
threads and userdata (cjson.null included) are packed as nil. Unpacking reads the types above
(bin, ext and 0xc1 are "Bad data format"); uint64 is read as a signed 64-bit integer, so
values from 2^63 come back negative, as in Redis.

Like the C code, the decoder keeps count of the Lua stack slots it would hold and fails where
lua_checkstack would (LUAI_MAXCSTACK, 8000 slots): a stream of about 8000 values, or arrays
nested about 4000 deep. It never recurses in Python.
"""

from __future__ import annotations

import struct

from vm.errors import LuaError
from vm.lib.args import arg_error, c_int, c_long, check_integer, check_string, opt_integer
from vm.lib.base import LUAI_MAXCSTACK
from vm.lib.struct import float32_bytes
from vm.runtime.function import Builtin
from vm.runtime.table import LuaTable

_MAX_NESTING = 16
_INT_MAX = 2147483647
_TWO31 = 2147483648.0
_F32 = struct.Struct(">f")
_F64 = struct.Struct(">d")


# ---- packing ----------------------------------------------------------------------------------


def _header(n: int, fix: int, fixmax: int, t16: int, t32: int, t8: int | None = None) -> bytes:
    """A length header: fix type, then (str only) 8-bit, then 16- and 32-bit lengths."""
    if n <= fixmax:
        return bytes((fix | n,))
    if t8 is not None and n <= 0xFF:
        return bytes((t8, n))
    if n <= 0xFFFF:
        return bytes((t16,)) + n.to_bytes(2, "big")
    return bytes((t32,)) + (n & 0xFFFFFFFF).to_bytes(4, "big")


def _pack_int(n: int) -> bytes:
    """mp_encode_int: the smallest MessagePack integer type holding n."""
    if n >= 0:
        if n <= 127:
            return bytes((n,))
        if n <= 0xFF:
            return bytes((0xCC, n))
        if n <= 0xFFFF:
            return b"\xcd" + n.to_bytes(2, "big")
        if n <= 0xFFFFFFFF:
            return b"\xce" + n.to_bytes(4, "big")
        return b"\xcf" + n.to_bytes(8, "big")
    if n >= -32:
        return bytes((n & 0xFF,))
    if n >= -128:
        return bytes((0xD0, n & 0xFF))
    if n >= -32768:
        return b"\xd1" + n.to_bytes(2, "big", signed=True)
    if n >= -2147483648:
        return b"\xd2" + n.to_bytes(4, "big", signed=True)
    return b"\xd3" + n.to_bytes(8, "big", signed=True)


def _pack_number(x: float) -> bytes:
    """mp_encode_lua_number: an integer when (int64_t)x == x, else a float or a double."""
    if x not in (float("inf"), float("-inf")) and float(c_long(x)) == x:
        return _pack_int(c_long(x))
    f = float32_bytes(x)
    if _F32.unpack(f[::-1])[0] == x:
        return b"\xca" + f[::-1]
    return b"\xcb" + _F64.pack(x)


def _is_array(t: LuaTable) -> bool:
    """table_is_an_array: every key a positive integer of C int range, and the largest of
    them equal to their count (so the keys are 1..n)."""
    count = 0
    top = 0
    for k, _ in t.items():
        if k.__class__ is not float or not k > 0 or not (k < _TWO31 and k == int(k)):  # type: ignore[operator,call-overload]
            return False
        top = max(top, int(k))  # type: ignore[call-overload]
        count += 1
    return top == count


def _pack_value(out: bytearray, v: object, level: int) -> None:
    """mp_encode_lua_type (recursion is bounded: tables at level 16 are packed as nil)."""
    cls = v.__class__
    if cls is bytes:
        out += _header(len(v), 0xA0, 31, 0xDA, 0xDB, 0xD9)  # type: ignore[arg-type]
        out += v  # type: ignore[operator]
    elif cls is bool:
        out.append(0xC3 if v else 0xC2)
    elif cls is float:
        out += _pack_number(v)  # type: ignore[arg-type]
    elif cls is LuaTable and level < _MAX_NESTING:
        t: LuaTable = v  # type: ignore[assignment]
        if _is_array(t):
            n = t.length()
            out += _header(n, 0x90, 15, 0xDC, 0xDD)
            for j in range(1, n + 1):
                _pack_value(out, t.get_int(j), level + 1)
        else:
            pairs = list(t.items())
            out += _header(len(pairs), 0x80, 15, 0xDE, 0xDF)
            for k, x in pairs:
                _pack_value(out, k, level + 1)
                _pack_value(out, x, level + 1)
    else:
        out.append(0xC0)


def mp_pack(L, args: list) -> list:
    """cmsgpack.pack(v1, ...): each argument packed, concatenated."""
    if not args:
        raise arg_error(0, "pack", b"MessagePack pack needs input.")
    if 2 * len(args) > LUAI_MAXCSTACK:
        raise arg_error(0, "pack", b"Too many arguments for MessagePack pack.")
    out = bytearray()
    for v in args:
        _pack_value(out, v, 0)
    return [bytes(out)]


# ---- unpacking --------------------------------------------------------------------------------


class _Eof(Exception):
    """Not enough data (MP_CUR_ERROR_EOF)."""


class _BadFormat(Exception):
    """A type byte this library does not read (MP_CUR_ERROR_BADFMT)."""


class _Decoder:
    """A cursor over the data, and the count of Lua stack slots in use (``top``)."""

    __slots__ = ("data", "p", "top")

    def __init__(self, data: bytes, p: int, top: int) -> None:
        self.data = data
        self.p = p
        self.top = top

    def need(self, n: int) -> None:
        if len(self.data) - self.p < n:
            raise _Eof

    def length(self, at: int, size: int) -> int:
        self.need(at + size)
        return int.from_bytes(self.data[self.p + at:self.p + at + size], "big")

    def string(self, hdr: int, n: int) -> bytes:
        self.need(hdr + n)
        s = self.data[self.p + hdr:self.p + hdr + n]
        self.p += hdr + n
        return s

    def scalar(self, size: int, signed: bool) -> int:
        """An integer of ``size`` bytes after the type byte."""
        self.need(1 + size)
        raw = self.data[self.p + 1:self.p + 1 + size]
        self.p += 1 + size
        return int.from_bytes(raw, "big", signed=signed)

    def item(self) -> tuple[object, int, bool]:
        """One value's start: (value, 0, _) for a scalar, or (new table, element count, is map)
        for a container whose elements follow. mp_decode_to_lua_type's checks come first."""
        self.need(1)
        if self.top + 1 > LUAI_MAXCSTACK:
            raise LuaError(b"stack overflow (too many return values at once; use unpack_one or "
                           b"unpack_limit instead.)", positioned=False)
        data = self.data
        b = data[self.p]
        if b < 0x80:
            self.p += 1
            return float(b), 0, False
        if b >= 0xE0:
            self.p += 1
            return float(b - 256), 0, False
        if b < 0xA0:  # fixmap, fixarray
            self.p += 1
            return self.table(b < 0x90), b & 0x0F, b < 0x90
        if b < 0xC0:
            return self.string(1, b & 0x1F), 0, False
        if b == 0xC0:
            self.p += 1
            return None, 0, False
        if b in (0xC2, 0xC3):
            self.p += 1
            return b == 0xC3, 0, False
        if b in _INTS:
            size, signed = _INTS[b]
            n = self.scalar(size, signed)
            if n >= 1 << 63:  # uint 64 is pushed as a (signed) lua_Integer
                n -= 1 << 64
            return float(n), 0, False
        if b == 0xCA:
            self.need(5)
            v = _F32.unpack(data[self.p + 1:self.p + 5])[0]
            self.p += 5
            return v, 0, False
        if b == 0xCB:
            self.need(9)
            v = _F64.unpack(data[self.p + 1:self.p + 9])[0]
            self.p += 9
            return v, 0, False
        if b in _STRS:
            size = _STRS[b]
            if size == 4:  # raw 32 consumes its header before checking the body
                n = self.length(1, 4)
                self.p += 5
                return self.string(0, n), 0, False
            return self.string(1 + size, self.length(1, size)), 0, False
        if b in _CONTAINERS:
            size, is_map = _CONTAINERS[b]
            n = self.length(1, size)
            self.p += 1 + size
            return self.table(is_map), n, is_map
        raise _BadFormat

    def table(self, is_map: bool) -> LuaTable:
        """lua_newtable; for an array, mp_decode_to_lua_array's own stack check follows."""
        if not is_map and self.top + 2 > LUAI_MAXCSTACK:
            raise LuaError(b"stack overflow (in function mp_decode_to_lua_array)", positioned=False)
        return LuaTable()

    def value(self) -> object:
        """mp_decode_to_lua_type without recursion: a stack of the open containers.

        Stack slots held by an open container: an array its table and the index being read;
        a map its table, plus the key once read while its value is being read."""
        v, n, is_map = self.item()
        if not n:
            return v
        stack = [self.open(v, n, is_map)]  # type: ignore[arg-type]
        while True:
            x, n, is_map = self.item()
            if n:
                stack.append(self.open(x, n, is_map))  # type: ignore[arg-type]
                continue
            while True:  # x is complete: store it, closing every container it completes
                c = stack[-1]
                if c.is_map and not c.have_key:
                    c.key = x
                    c.have_key = True
                    self.top += 1
                    break
                c.table.set(c.key if c.is_map else float(c.index), x)  # nil/NaN keys fail
                if c.is_map:
                    c.have_key = False
                    self.top -= 1
                c.index += 1
                c.left -= 1
                if c.left:
                    break
                stack.pop()
                self.top -= 1 if c.is_map else 2
                x = c.table
                if not stack:
                    return x

    def open(self, t: LuaTable, n: int, is_map: bool) -> _Open:
        self.top += 1 if is_map else 2
        return _Open(t, n, is_map)


class _Open:
    """A container being filled: n elements left; a map's key waiting for its value."""

    __slots__ = ("table", "left", "is_map", "index", "key", "have_key")

    def __init__(self, table: LuaTable, left: int, is_map: bool) -> None:
        self.table = table
        self.left = left
        self.is_map = is_map
        self.index = 1
        self.key: object = None
        self.have_key = False


_INTS = {0xCC: (1, False), 0xCD: (2, False), 0xCE: (4, False), 0xCF: (8, False),
         0xD0: (1, True), 0xD1: (2, True), 0xD2: (4, True), 0xD3: (8, True)}
_STRS = {0xD9: 1, 0xDA: 2, 0xDB: 4}
_CONTAINERS = {0xDC: (2, False), 0xDD: (4, False), 0xDE: (2, True), 0xDF: (4, True)}


def _unpack(args: list, fname: str, limit: int, offset: int, top: int) -> list:
    """mp_unpack_full: up to ``limit`` values from ``offset`` (both 0: every value, and no
    offset result); otherwise the next offset (-1 at the end) comes first."""
    s = check_string(args, 0, fname)
    if offset < 0 or limit < 0:
        raise LuaError(b"Invalid request to unpack with offset of %d and limit of %d."
                       % (c_int(offset), c_int(len(s))), positioned=False)
    if offset > len(s):
        raise LuaError(b"Start offset %d greater than input length %d."
                       % (c_int(offset), c_int(len(s))), positioned=False)
    decode_all = limit == 0 and offset == 0
    if decode_all:
        limit = _INT_MAX
    d = _Decoder(s, offset, top)
    out: list = []
    while d.p < len(s) and len(out) < limit:
        try:
            out.append(d.value())
        except _Eof:
            raise LuaError(b"Missing bytes in input.", positioned=False) from None
        except _BadFormat:
            raise LuaError(b"Bad data format in input.", positioned=False) from None
        d.top += 1
    if decode_all:
        return out
    if d.top + 1 > LUAI_MAXCSTACK:
        raise LuaError(b"stack overflow (in function mp_unpack_full)", positioned=False)
    return [-1.0 if d.p == len(s) else float(d.p), *out]


def mp_unpack(L, args: list) -> list:
    """cmsgpack.unpack(s): every value in s."""
    return _unpack(args, "unpack", 0, 0, len(args))


def mp_unpack_one(L, args: list) -> list:
    """cmsgpack.unpack_one(s [, offset]): the next offset, then one value."""
    offset = opt_integer(args, 1, "unpack_one", 0)
    return _unpack(args[:1], "unpack_one", 1, offset, 1)


def mp_unpack_limit(L, args: list) -> list:
    """cmsgpack.unpack_limit(s, limit [, offset]): the next offset, then up to limit values."""
    limit = check_integer(args, 1, "unpack_limit")
    offset = opt_integer(args, 2, "unpack_limit", 0)
    return _unpack(args[:1], "unpack_limit", limit, offset, 1)


def open_cmsgpack(L) -> LuaTable:
    """Register the ``cmsgpack`` table in L's globals (luaopen_cmsgpack) and return it."""
    t = LuaTable(0, 8)
    for name, fn in (("pack", mp_pack), ("unpack", mp_unpack), ("unpack_one", mp_unpack_one),
                     ("unpack_limit", mp_unpack_limit)):
        t.set_str(name.encode(), Builtin(name, fn))
    t.set_str(b"_NAME", b"cmsgpack")
    t.set_str(b"_VERSION", b"lua-cmsgpack 0.4.0")
    t.set_str(b"_COPYRIGHT", b"Copyright (C) 2012, Salvatore Sanfilippo")
    t.set_str(b"_DESCRIPTION", b"MessagePack C implementation for Lua")
    L.globals.set_str(b"cmsgpack", t)
    return t
