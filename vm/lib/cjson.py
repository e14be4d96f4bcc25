"""Lua CJSON 2.1.0 (``cjson``) as Redis 7.0 gives scripts: encode, decode, their options, new.

Encoding: strings are escaped as lua_cjson.c does (control bytes as ``\\u00XX`` except
``\\b \\t \\n \\f \\r``, and ``\\" \\\\ \\/``, DEL as ``\\u007f``; other bytes pass untouched);
numbers are printed with ``%.14g`` (``encode_number_precision``); NaN and infinities are an
error unless ``encode_invalid_numbers`` allows them; a table whose keys are all positive
integers is an array (unless it is excessively sparse: ``encode_sparse_array``), any other an
object whose number keys become strings; the empty table is ``{}``; nil and ``cjson.null``
are ``null``. Decoding follows the C tokenizer byte for byte, so its error messages give the
same token names and character positions (``Expected value but found invalid token at
character 1``); the text ends at its first zero byte, as a C string would.

Like the C code, both directions count the Lua stack slots they would hold and stop where
lua_checkstack would (LUAI_MAXCSTACK, 8000 slots), besides the configured depth limits; neither
recurses in Python. Options are kept per module table: ``cjson.new()`` makes a fresh one.

Known difference: the order of an object's keys is the table's traversal order, which for
keys in the hash part differs from real Lua's (see vm.runtime.table).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from vm.errors import LuaError
from vm.lib.args import arg_error, check_integer, check_string
from vm.lib.base import LUAI_MAXCSTACK
from vm.runtime.function import Builtin
from vm.runtime.table import LuaTable
from vm.runtime.values import type_name

_INT_MAX = 2147483647


class LightUserdata:
    """A light userdata: a bare C pointer, equal to itself only, with no metatable of its own.

    Redis scripts meet one only as ``cjson.null`` (the NULL pointer). Each Lua state gets its
    own instance (``open_cjson``), shared by every cjson table of that state (``cjson.new``), so
    that ``cjson.null == cjson.new().null`` as in C; the ``handle`` slot lets the state's heap
    name it (``userdata#3``) like any other value it shows."""

    __slots__ = ("address", "handle")

    def __init__(self, address: int) -> None:
        self.address = address
        self.handle = None

    def __repr__(self) -> str:
        return "<lightuserdata %#x>" % self.address


def is_null(v: object) -> bool:
    """lua_touserdata(v) == NULL for a light userdata: cjson.null."""
    return v.__class__ is LightUserdata and v.address == 0  # type: ignore[attr-defined]


@dataclass(slots=True)
class Config:
    """json_config_t: the options of one cjson module table."""

    encode_sparse_convert: int = 0
    encode_sparse_ratio: int = 2
    encode_sparse_safe: int = 10
    encode_max_depth: int = 1000
    decode_max_depth: int = 1000
    encode_invalid_numbers: int = 0  # 0 off, 1 on, 2 "null"
    decode_invalid_numbers: int = 1
    encode_keep_buffer: int = 1
    encode_number_precision: int = 14


# ---- option functions -------------------------------------------------------------------------

_BOOL_OPTIONS = (b"off", b"on")
_INVALID_OPTIONS = (b"off", b"on", b"null")


def _arg_init(args: list, n: int, fname: str) -> list:
    """json_arg_init: at most n arguments, padded with nils."""
    if len(args) > n:
        raise arg_error(n + 1, fname, b"found too many arguments")
    return args + [None] * (n - len(args))


def _int_option(args: list, i: int, current: int, lo: int, hi: int, fname: str) -> int:
    """json_integer_option: a new value in lo..hi (its range error always names argument 1)."""
    if args[i] is None:
        return current
    value = _wrap_int(check_integer(args, i, fname))  # lua_Integer stored into an int
    if not lo <= value <= hi:
        raise arg_error(1, fname, b"expected integer between %d and %d" % (lo, hi))
    return value


def _enum_option(args: list, i: int, current: int, options: tuple[bytes, ...], fname: str) -> int:
    """json_enum_option: a boolean, or one of the option names."""
    v = args[i]
    if v is None:
        return current
    if v is True or v is False:
        return int(v)
    name = check_string(args, i, fname)
    if name in options:
        return options.index(name)
    nul = name.find(b"\0")
    raise arg_error(i + 1, fname, b"invalid option '%s'" % (name if nul < 0 else name[:nul]))


def _enum_result(setting: int, options: tuple[bytes, ...]) -> object:
    return bool(setting) if setting in (0, 1) else options[setting]


class CJson:
    """One cjson module table's functions, sharing its Config (the C closures' upvalue)."""

    __slots__ = ("cfg", "null")

    def __init__(self, null: LightUserdata) -> None:
        self.cfg = Config()
        self.null = null

    def encode_sparse_array(self, L, args: list) -> list:
        args = _arg_init(args, 3, "encode_sparse_array")
        cfg = self.cfg
        name = "encode_sparse_array"
        cfg.encode_sparse_convert = _enum_option(args, 0, cfg.encode_sparse_convert, _BOOL_OPTIONS, name)
        cfg.encode_sparse_ratio = _int_option(args, 1, cfg.encode_sparse_ratio, 0, _INT_MAX, name)
        cfg.encode_sparse_safe = _int_option(args, 2, cfg.encode_sparse_safe, 0, _INT_MAX, name)
        return [bool(cfg.encode_sparse_convert), float(cfg.encode_sparse_ratio),
                float(cfg.encode_sparse_safe)]

    def integer_option(self, name: str, lo: int, hi: int) -> Callable:
        """encode_max_depth, decode_max_depth, encode_number_precision: set (when given) and
        return an integer option."""
        def fn(L, args: list) -> list:
            args = _arg_init(args, 1, name)
            value = _int_option(args, 0, getattr(self.cfg, name), lo, hi, name)
            setattr(self.cfg, name, value)
            return [float(value)]

        return fn

    def enum_option(self, name: str, options: tuple[bytes, ...]) -> Callable:
        """encode_keep_buffer, encode_invalid_numbers, decode_invalid_numbers: set (when given)
        and return an option that is a boolean or one of the names."""
        def fn(L, args: list) -> list:
            args = _arg_init(args, 1, name)
            value = _enum_option(args, 0, getattr(self.cfg, name), options, name)
            setattr(self.cfg, name, value)
            return [_enum_result(value, options)]

        return fn

    def encode(self, L, args: list) -> list:
        if len(args) != 1:
            raise arg_error(1, "encode", b"expected 1 argument")
        return [Encoder(self.cfg).encode(args[0])]

    def decode(self, L, args: list) -> list:
        if len(args) != 1:
            raise arg_error(1, "decode", b"expected 1 argument")
        data = check_string(args, 0, "decode")
        if len(data) >= 2 and (data[0] == 0 or data[1] == 0):
            raise LuaError(b"JSON parser does not support UTF-16 or UTF-32", positioned=False)
        return [Decoder(self.cfg, data, self.null).decode()]

    def new(self, L, args: list) -> list:
        return [new_module(self.null)]


def new_module(null: LightUserdata) -> LuaTable:
    """lua_cjson_new: a cjson table with options of its own."""
    lib = CJson(null)
    t = LuaTable(0, 16)
    fns: list[tuple[str, Callable]] = [
        ("encode", lib.encode), ("decode", lib.decode), ("encode_sparse_array", lib.encode_sparse_array),
        ("encode_max_depth", lib.integer_option("encode_max_depth", 1, _INT_MAX)),
        ("decode_max_depth", lib.integer_option("decode_max_depth", 1, _INT_MAX)),
        ("encode_number_precision", lib.integer_option("encode_number_precision", 1, 14)),
        ("encode_keep_buffer", lib.enum_option("encode_keep_buffer", _BOOL_OPTIONS)),
        ("encode_invalid_numbers", lib.enum_option("encode_invalid_numbers", _INVALID_OPTIONS)),
        ("decode_invalid_numbers", lib.enum_option("decode_invalid_numbers", _BOOL_OPTIONS)),
        ("new", lib.new)]
    for name, fn in fns:
        t.set_str(name.encode(), Builtin(name, fn))
    t.set_str(b"null", null)
    t.set_str(b"_NAME", b"cjson")
    t.set_str(b"_VERSION", b"2.1.0")
    return t


def open_cjson(L) -> LuaTable:
    """Register the ``cjson`` table in L's globals (luaopen_cjson, as Redis loads it)."""
    t = new_module(LightUserdata(0))
    L.globals.set_str(b"cjson", t)
    return t


# ---- encoding ---------------------------------------------------------------------------------

_ESCAPES = {c: b"\\u%04x" % c for c in range(32)}
_ESCAPES.update({8: b"\\b", 9: b"\\t", 10: b"\\n", 12: b"\\f", 13: b"\\r", 0x22: b'\\"',
                 0x2F: b"\\/", 0x5C: b"\\\\", 0x7F: b"\\u007f"})
_TO_ESCAPE = re.compile(rb'[\x00-\x1f"/\\\x7f]')


def _escape(m: re.Match[bytes]) -> bytes:
    return _ESCAPES[m.group()[0]]


def encode_string(s: bytes) -> bytes:
    """json_append_string: the quoted, escaped string."""
    return b'"' + _TO_ESCAPE.sub(_escape, s) + b'"'


def _wrap_int(n: int) -> int:
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n & 0x80000000 else n


def _c_int_of(k: float) -> int:
    """``int max = k`` for a double k >= 1 (cvttsd2si): INT_MIN beyond int's range."""
    return int(k) if k < 2147483648.0 else -2147483648


class _Array:
    __slots__ = ("t", "n", "i")

    def __init__(self, t: LuaTable, n: int) -> None:
        self.t = t
        self.n = n
        self.i = 1


class _Object:
    __slots__ = ("items", "i")

    def __init__(self, items: list) -> None:
        self.items = items
        self.i = 0


class Encoder:
    """json_append_data over an explicit stack of open arrays and objects."""

    __slots__ = ("cfg", "out")

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.out: list[bytes] = []

    def fail(self, v: object, reason: bytes) -> LuaError:
        return LuaError(b"Cannot serialise %s: %s" % (type_name(v), reason), positioned=False)

    def number(self, x: float) -> bytes:
        """json_append_number."""
        mode = self.cfg.encode_invalid_numbers
        if x != x or x in (math.inf, -math.inf):
            if mode == 0:
                raise self.fail(x, b"must not be NaN or Inf")
            if mode == 2:
                return b"null"
            if x != x:
                return b"nan"
        return b"%.*g" % (self.cfg.encode_number_precision, x)

    def array_length(self, t: LuaTable) -> int:
        """lua_array_length: the largest index if every key is a positive integer, else -1
        (and an error, or -1, for an excessively sparse array)."""
        top = 0
        items = 0
        for k, _ in t.items():
            # floor(k) == k: infinity passes too
            if k.__class__ is float and k >= 1 and (k.is_integer() or k == math.inf):  # type: ignore[attr-defined,operator]
                if k > top:  # type: ignore[operator]
                    top = _c_int_of(k)  # type: ignore[arg-type]
                items += 1
                continue
            return -1
        cfg = self.cfg
        if (cfg.encode_sparse_ratio > 0 and top > _wrap_int(items * cfg.encode_sparse_ratio)
                and top > cfg.encode_sparse_safe):
            if not cfg.encode_sparse_convert:
                raise self.fail(t, b"excessively sparse array")
            return -1
        return top

    def scalar(self, v: object) -> bytes:
        cls = v.__class__
        if cls is bytes:
            return encode_string(v)  # type: ignore[arg-type]
        if cls is float:
            return self.number(v)  # type: ignore[arg-type]
        if v is True:
            return b"true"
        if v is False:
            return b"false"
        if v is None or is_null(v):
            return b"null"
        raise self.fail(v, b"type not supported")

    def key(self, k: object) -> bytes:
        if k.__class__ is float:
            return b'"' + self.number(k) + b'":'  # type: ignore[arg-type]
        if k.__class__ is bytes:
            return encode_string(k) + b":"  # type: ignore[arg-type]
        raise self.fail(k, b"table key must be a number or string")

    def encode(self, v: object) -> bytes:
        out = self.out
        stack: list[_Array | _Object] = []
        top = 1  # Lua stack slots: the argument, then an element per array, a key and value per object
        while True:
            if v.__class__ is LuaTable:
                depth = len(stack) + 1
                if depth > self.cfg.encode_max_depth or top + 3 > LUAI_MAXCSTACK:
                    raise LuaError(b"Cannot serialise, excessive nesting (%d)" % depth, positioned=False)
                n = self.array_length(v)  # type: ignore[arg-type]
                if n > 0:
                    out.append(b"[")
                    stack.append(_Array(v, n))  # type: ignore[arg-type]
                    top += 1
                else:
                    out.append(b"{")
                    stack.append(_Object(list(v.items())))  # type: ignore[union-attr]
                    top += 2
            else:
                out.append(self.scalar(v))
            while True:  # the next value to write, closing what is complete
                if not stack:
                    return b"".join(out)
                f = stack[-1]
                if f.__class__ is _Array:
                    if f.i > f.n:  # type: ignore[union-attr]
                        out.append(b"]")
                        stack.pop()
                        top -= 1
                        continue
                    if f.i > 1:
                        out.append(b",")
                    v = f.t.get_int(f.i)  # type: ignore[union-attr]
                    f.i += 1
                    break
                if f.i >= len(f.items):  # type: ignore[union-attr]
                    out.append(b"}")
                    stack.pop()
                    top -= 2
                    continue
                if f.i:
                    out.append(b",")
                k, v = f.items[f.i]  # type: ignore[union-attr]
                f.i += 1
                out.append(self.key(k))
                break


# ---- decoding ---------------------------------------------------------------------------------

(T_OBJ_BEGIN, T_OBJ_END, T_ARR_BEGIN, T_ARR_END, T_STRING, T_NUMBER, T_BOOLEAN, T_NULL, T_COLON,
 T_COMMA, T_END, T_WHITESPACE, T_ERROR, T_UNKNOWN) = range(14)
_TOKEN_NAMES = ("T_OBJ_BEGIN", "T_OBJ_END", "T_ARR_BEGIN", "T_ARR_END", "T_STRING", "T_NUMBER",
                "T_BOOLEAN", "T_NULL", "T_COLON", "T_COMMA", "T_END", "T_WHITESPACE", "T_ERROR",
                "T_UNKNOWN")
_SINGLE = {ord("{"): T_OBJ_BEGIN, ord("}"): T_OBJ_END, ord("["): T_ARR_BEGIN, ord("]"): T_ARR_END,
           ord(","): T_COMMA, ord(":"): T_COLON}
_WHITESPACE = re.compile(rb"[ \t\n\r]*")
_FAST = re.compile(rb'[ \t\n\r]*(?:([{}\[\],:])|"([^"\\]*)"|(-?[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)'
                   rb'|(true|false|null))')
_PLAIN = re.compile(rb'[^"\\]*')
_UNESCAPE = {ord('"'): b'"', ord("\\"): b"\\", ord("/"): b"/", ord("b"): b"\b", ord("t"): b"\t",
             ord("n"): b"\n", ord("f"): b"\f", ord("r"): b"\r"}
_HEX = frozenset(b"0123456789abcdefABCDEF")
# the longest prefix glibc's strtod reads (no leading spaces can occur where it is used here)
_STRTOD = re.compile(
    rb"(?P<sign>[+-]?)(?:"
    rb"(?P<hex>0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)"
    rb"|(?P<dec>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    rb"|(?P<inf>[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)"
    rb"|(?P<nan>[nN][aA][nN](?:\([0-9A-Za-z_]*\))?))")


def strtod(data: bytes, p: int) -> tuple[float, int]:
    """glibc strtod at p: (value, end), end == p when no number is there."""
    m = _STRTOD.match(data, p)
    if m is None:
        return 0.0, p
    negative = m.group("sign") == b"-"
    text = m.group("dec")
    if text is not None:
        value = float(text)
    elif (text := m.group("hex")) is not None:
        try:
            value = float.fromhex(text.decode("ascii"))
        except OverflowError:
            value = math.inf
    elif m.group("inf") is not None:
        value = math.inf
    else:
        value = math.nan
    return (-value if negative else value), m.end()


def _utf8(cp: int) -> bytes:
    """codepoint_to_utf8, for code points up to 0x10FFFF."""
    if cp <= 0x7F:
        return bytes((cp,))
    if cp <= 0x7FF:
        return bytes((0xC0 | cp >> 6, 0x80 | cp & 0x3F))
    if cp <= 0xFFFF:
        return bytes((0xE0 | cp >> 12, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F))
    return bytes((0xF0 | cp >> 18, 0x80 | cp >> 12 & 0x3F, 0x80 | cp >> 6 & 0x3F, 0x80 | cp & 0x3F))


# a token: (type, value, index); for T_ERROR the value is the message
_Token = tuple[int, object, int]


class _Frame:
    """An array or object being filled: its table, and the next index or the pending key."""

    __slots__ = ("table", "is_obj", "index", "key")

    def __init__(self, table: LuaTable, is_obj: bool, key: object) -> None:
        self.table = table
        self.is_obj = is_obj
        self.index = 1
        self.key = key


class Decoder:
    """json_decode: the C tokenizer and parser, the parser without recursion."""

    __slots__ = ("cfg", "data", "p", "null")

    def __init__(self, cfg: Config, data: bytes, null: LightUserdata) -> None:
        nul = data.find(b"\0")
        self.cfg = cfg
        self.null = null
        self.data = data if nul < 0 else data[:nul]  # a C string ends at its first zero
        self.p = 0

    # -- tokens --

    def error_token(self, msg: bytes, index: int) -> _Token:
        return (T_ERROR, msg, index)

    def next_token(self) -> _Token:
        data = self.data
        m = _FAST.match(data, self.p)
        if m is not None:  # the common tokens at once (the same results as the slow path below)
            g = m.lastindex
            if g == 1:
                self.p = m.end()
                return _SINGLE[data[m.start(1)]], None, m.start(1)
            if g == 2:
                self.p = m.end()
                return T_STRING, m.group(2), m.start(2) - 1
            if g == 3:
                if self.cfg.decode_invalid_numbers and data[m.end():m.end() + 1] not in (b"x", b"X"):
                    self.p = m.end()
                    return T_NUMBER, float(m.group(3)), m.start(3)
            else:
                self.p = m.end()
                word = m.group(4)
                if word == b"null":
                    return T_NULL, None, m.start(4)
                return T_BOOLEAN, word == b"true", m.start(4)
        p = _WHITESPACE.match(data, self.p).end()  # type: ignore[union-attr]
        self.p = p
        if p >= len(data):
            return (T_END, None, p)
        ch = data[p]
        single = _SINGLE.get(ch)
        if single is not None:
            self.p = p + 1
            return (single, None, p)
        if ch == 0x22:  # '"'
            return self.string_token(p)
        if ch == 0x2D or 0x30 <= ch <= 0x39:  # '-', digits
            if not self.cfg.decode_invalid_numbers and self.invalid_number(p):
                return self.error_token(b"invalid number", p)
            return self.number_token(p)
        if ch in b"fintIN+":
            for word, typ, value in ((b"true", T_BOOLEAN, True), (b"false", T_BOOLEAN, False),
                                     (b"null", T_NULL, None)):
                if data.startswith(word, p):
                    self.p = p + len(word)
                    return (typ, value, p)
            if self.cfg.decode_invalid_numbers and self.invalid_number(p):
                return self.number_token(p)
        return self.error_token(b"invalid token", p)

    def invalid_number(self, p: int) -> bool:
        """json_is_invalid_number: '+', leading zeros, hexadecimal, inf and nan."""
        data = self.data
        if data[p] == 0x2B:
            return True
        if data[p] == 0x2D:
            p += 1
        c = data[p] if p < len(data) else 0
        if c == 0x30:
            c2 = data[p + 1] if p + 1 < len(data) else 0
            return (c2 | 0x20) == 0x78 or 0x30 <= c2 <= 0x39
        if c <= 0x39 or c >= 0x80:  # a signed char: bytes from 0x80 compare below '9'
            return False
        return data[p:p + 3].lower() in (b"inf", b"nan")

    def number_token(self, p: int) -> _Token:
        value, end = strtod(self.data, p)
        if end == p:
            return self.error_token(b"invalid number", p)
        self.p = end
        return (T_NUMBER, value, p)

    def string_token(self, start: int) -> _Token:
        """json_next_string_token: errors at the offending byte."""
        data = self.data
        n = len(data)
        q = start + 1
        parts: list[bytes] = []
        while True:
            end = _PLAIN.match(data, q).end()  # type: ignore[union-attr]
            parts.append(data[q:end])
            q = end
            if q >= n:
                return self.error_token(b"unexpected end of string", q)
            if data[q] == 0x22:
                break
            nxt = data[q + 1] if q + 1 < n else 0
            if nxt == 0x75:  # 'u'
                decoded = self.unicode_escape(q)
                if decoded is None:
                    return self.error_token(b"invalid unicode escape code", q)
                parts.append(decoded[0])
                q = decoded[1]
                continue
            char = _UNESCAPE.get(nxt)
            if char is None:
                return self.error_token(b"invalid escape code", q)
            parts.append(char)
            q += 2
        self.p = q + 1
        return (T_STRING, b"".join(parts), start)

    def hex4(self, p: int) -> int:
        digits = self.data[p:p + 4]
        if len(digits) < 4 or not all(c in _HEX for c in digits):
            return -1
        return int(digits, 16)

    def unicode_escape(self, q: int) -> tuple[bytes, int] | None:
        """json_append_unicode_escape at the backslash: (UTF-8 bytes, next position)."""
        cp = self.hex4(q + 2)
        if cp < 0:
            return None
        length = 6
        if cp & 0xF800 == 0xD800:
            if cp & 0x400 or self.data[q + 6:q + 8] != b"\\u":
                return None
            low = self.hex4(q + 8)
            if low < 0 or low & 0xFC00 != 0xDC00:
                return None
            cp = (((cp & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000
            length = 12
        return _utf8(cp), q + length

    # -- grammar --

    def fail(self, expected: bytes, tok: _Token) -> LuaError:
        found = tok[1] if tok[0] == T_ERROR else _TOKEN_NAMES[tok[0]].encode()
        return LuaError(b"Expected %s but found %s at character %d" % (expected, found, tok[2] + 1),
                        positioned=False)

    def decode(self) -> object:
        cfg = self.cfg
        stack: list[_Frame] = []
        top = 1  # Lua stack slots: the argument, then a table per array, a table and key per object
        tok = self.next_token()
        while True:
            typ = tok[0]
            if typ == T_OBJ_BEGIN or typ == T_ARR_BEGIN:
                is_obj = typ == T_OBJ_BEGIN
                depth = len(stack) + 1
                if depth > cfg.decode_max_depth or top + (3 if is_obj else 2) > LUAI_MAXCSTACK:
                    raise LuaError(b"Found too many nested data structures (%d) at character %d"
                                   % (depth, self.p), positioned=False)
                value: object = LuaTable()
                tok = self.next_token()
                if tok[0] != (T_OBJ_END if is_obj else T_ARR_END):
                    key = None
                    if is_obj:
                        key = self.object_key(tok)
                        tok = self.next_token()
                    stack.append(_Frame(value, is_obj, key))  # type: ignore[arg-type]
                    top += 2 if is_obj else 1
                    continue  # tok starts the first value
            elif typ == T_STRING or typ == T_NUMBER or typ == T_BOOLEAN:
                value = tok[1]
            elif typ == T_NULL:
                value = self.null
            else:
                raise self.fail(b"value", tok)
            while True:  # a value is complete: store it, closing what it completes
                if not stack:
                    tok = self.next_token()
                    if tok[0] != T_END:
                        raise self.fail(b"the end", tok)
                    return value
                f = stack[-1]
                if f.is_obj:
                    f.table.set(f.key, value)
                else:
                    f.table.set_int(f.index, value)
                tok = self.next_token()
                if tok[0] == (T_OBJ_END if f.is_obj else T_ARR_END):
                    stack.pop()
                    top -= 2 if f.is_obj else 1
                    value = f.table
                    continue
                if tok[0] != T_COMMA:
                    raise self.fail(b"comma or object end" if f.is_obj else b"comma or array end", tok)
                tok = self.next_token()
                if f.is_obj:
                    f.key = self.object_key(tok)
                    tok = self.next_token()
                else:
                    f.index += 1
                break

    def object_key(self, tok: _Token) -> bytes:
        """A key and its colon; the caller reads the value's first token."""
        if tok[0] != T_STRING:
            raise self.fail(b"object key string", tok)
        colon = self.next_token()
        if colon[0] != T_COLON:
            raise self.fail(b"colon", colon)
        return tok[1]  # type: ignore[return-value]
