"""The string library (lstrlib.c): every 5.1 function, with 5.1's argument rules and messages.

Integer arguments go through C's conversions as 5.1 does them on x86-64: luaL_checkinteger
casts the double to a 64-bit integer (NaN, infinities and values out of range become
INT64_MIN), luaL_checkint further keeps the low 32 bits. So ``("abc"):sub(1, math.huge)`` is
"" and ``string.rep("x", 2^32 + 2)`` is "xx", as in real Lua. ``string.format`` reproduces
glibc's printf for the conversions 5.1 allows, including the quirks of C strings: an item is
cut at its first NUL byte (``%c`` of 0 adds nothing).

``gsub`` is a generator: a function replacement, or a table one whose ``__index`` is a
function, is called by the VM as a frame (see ``vm.lib``). Patterns are ``vm.lib.lpattern``.
"""

from __future__ import annotations

import math
from functools import lru_cache

from vm.errors import LuaError
from vm.lib.args import (
    arg_error,
    c_long,
    check_int,
    check_integer,
    check_number,
    check_string,
    opt_integer,
    type_error,
)
from vm.lib.gettable import gettable
from vm.lib.lpattern import (
    Match,
    c_string,
    compile_pattern,
    has_specials,
    split_anchor,
)
from vm.lib.pattern_re import RxMatch, search
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.limits import LARGE, POLL_MASK, poll, reserve
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.runtime.values import type_name

_TWO63 = float(1 << 63)
LUAI_MAXCSTACK = 8000  # luaconf.h: the most values a C function may push

# --- C's conversions of doubles to integers (gcc on x86-64) ---------------------------------------


def c_int_direct(x: float) -> int:
    """(int)x, the 32-bit cvttsd2si: INT32_MIN for NaN and values out of int's range."""
    if -2147483648.0 <= x < 2147483648.0:
        return int(x)
    return -2147483648


def c_ulong(x: float) -> int:
    """(unsigned long)x as gcc compiles it: cvttsd2si below 2^63 (negative values wrap), else
    x - 2^63 converted with the top bit flipped; NaN and anything out of range give 2^63 or 0."""
    if x >= _TWO63:
        return (c_long(x - _TWO63) & 0xFFFFFFFFFFFFFFFF) ^ (1 << 63)
    return c_long(x) & 0xFFFFFFFFFFFFFFFF


def _posrelat(pos: int, n: int) -> int:
    """posrelat: a negative position counts from the end; what is left of the start is 0."""
    if pos < 0:
        pos += n + 1
    return pos if pos >= 0 else 0


# --- simple functions -------------------------------------------------------------------------------


def str_len(L, args: list) -> list:
    return [float(len(check_string(args, 0, "len")))]


def str_sub(L, args: list) -> list:
    if len(args) == 3:  # the usual s:sub(i, j) with positions inside s
        s, i, j = args
        if s.__class__ is bytes and i.__class__ is float and j.__class__ is float \
                and 1.0 <= i <= j <= len(s):
            return [s[int(i) - 1:int(j)]]
    s = check_string(args, 0, "sub")
    n = len(s)
    start = _posrelat(check_integer(args, 1, "sub"), n)
    end = _posrelat(opt_integer(args, 2, "sub", -1), n)
    if start < 1:
        start = 1
    if end > n:
        end = n
    return [s[start - 1:end] if start <= end else b""]


def str_reverse(L, args: list) -> list:
    return [check_string(args, 0, "reverse")[::-1]]


def str_lower(L, args: list) -> list:
    return [check_string(args, 0, "lower").lower()]  # ASCII only, as C's tolower in "C"


def str_upper(L, args: list) -> list:
    return [check_string(args, 0, "upper").upper()]


def str_rep(L, args: list) -> list:
    s = check_string(args, 0, "rep")
    n = check_int(args, 1, "rep")
    if n <= 0 or not s:
        return [b""]
    size = len(s) * n
    if size >= LARGE:  # refused before it is built: past the limits, "not enough memory"
        reserve(L, size)
    if L.heap.allocated(0):  # luaC_checkGC before the allocation
        L.gc_check()
    result = s * n
    L.heap.debt += 25 + len(result)  # the new string counts toward the next collection
    return [result]


def str_byte(L, args: list) -> list:
    if len(args) == 2:  # the usual s:byte(i) with i inside s
        s, i = args
        if s.__class__ is bytes and i.__class__ is float and 1.0 <= i <= len(s):
            return [float(s[int(i) - 1])]
    s = check_string(args, 0, "byte")
    n = len(s)
    posi = _posrelat(opt_integer(args, 1, "byte", 1), n)
    pose = _posrelat(opt_integer(args, 2, "byte", posi), n)
    if posi <= 0:
        posi = 1
    if pose > n:
        pose = n
    if posi > pose:
        return []
    count = pose - posi + 1
    if count + len(args) > LUAI_MAXCSTACK:
        raise LuaError(b"stack overflow (string slice too long)", positioned=False)
    return [float(c) for c in s[posi - 1:pose]]


def str_char(L, args: list) -> list:
    try:  # every argument a float of a byte value: the usual case
        if all(c.__class__ is float for c in args):
            return [bytes(map(int, args))]
    except (ValueError, OverflowError):  # out of 0..255, NaN: each checked in turn below
        pass
    out = bytearray()
    for i in range(len(args)):
        c = check_int(args, i, "char")
        if not 0 <= c <= 255:
            raise arg_error(i + 1, "char", b"invalid value")
        out.append(c)
    return [bytes(out)]


def str_dump(L, args: list) -> list:
    fn = args[0] if args else None
    if fn.__class__ is LuaFunction:
        from vm.bytecode.chunk import dump

        return [dump(fn.p.proto)]  # type: ignore[union-attr]
    if fn.__class__ is Builtin:
        raise LuaError(b"unable to dump given function", positioned=False)
    raise type_error(args, 0, "dump", b"function")


# --- find, match, gmatch ---------------------------------------------------------------------------


def _find_aux(args: list, find: bool) -> list:
    """str_find_aux: find (positions, then captures) and match (captures)."""
    fname = "find" if find else "match"
    s = check_string(args, 0, fname)
    p = check_string(args, 1, fname)
    n = len(s)
    init = _posrelat(opt_integer(args, 2, fname, 1), n) - 1
    if init < 0:
        init = 0
    elif init > n:
        init = n
    plain = len(args) > 3 and args[3] is not None and args[3] is not False
    if find and (plain or not has_specials(p)):
        at = s.find(p, init)
        if at >= 0:
            return [float(at + 1), float(at + len(p))]
        return [None]
    pattern, anchor = split_anchor(p)
    m = search(compile_pattern(pattern), s, init, anchor)
    if m is None:
        return [None]
    if find:
        return [float(m.start + 1), float(m.end), *m.captures(False)]
    return m.captures(True)


def str_find(L, args: list) -> list:
    return _find_aux(args, True)


def str_match(L, args: list) -> list:
    return _find_aux(args, False)


def str_gmatch(L, args: list) -> list:
    """gmatch(s, p): an iterator over the matches; '^' is an ordinary character here, as in 5.1."""
    s = check_string(args, 0, "gmatch")
    pat = compile_pattern(c_string(check_string(args, 1, "gmatch")))
    state = [0]  # where the next search starts (the closure's third upvalue in lstrlib)

    def gmatch_aux(L, _args: list) -> list:
        src = state[0]
        if src > len(s):
            return []
        m = search(pat, s, src, False)
        if m is None:
            state[0] = len(s) + 1
            return []
        state[0] = m.end + 1 if m.end == m.start else m.end  # an empty match moves on
        return m.captures(True)

    return [Builtin("gmatch_aux", gmatch_aux)]


# --- gsub ------------------------------------------------------------------------------------------


def _compile_repl(news: bytes) -> list:
    """add_s's reading of a replacement string: literal bytes, or capture numbers (0 for the
    whole match, n-1 for %n). A '%' at the very end takes the string's terminating NUL."""
    parts: list = []
    lit = bytearray()
    i = 0
    n = len(news)
    while i < n:
        c = news[i]
        if c != 37:
            lit.append(c)
        else:
            i += 1
            d = news[i] if i < n else 0
            if not 48 <= d <= 57:
                lit.append(d)
            else:
                if lit:
                    parts.append(bytes(lit))
                    lit.clear()
                parts.append(-1 if d == 48 else d - 49)
        i += 1
    if lit:
        parts.append(bytes(lit))
    return parts


def _add_s(out: list, parts: list, m: Match | RxMatch) -> None:
    for part in parts:
        if part.__class__ is bytes:
            out.append(part)
        elif part < 0:
            out.append(m.src[m.start:m.end])
        else:
            v = m.capture(part)
            out.append(v if v.__class__ is bytes else number_to_bytes(v))  # type: ignore[arg-type]


def str_gsub(L, args: list):
    """gsub(s, p, repl [, n]): a generator, as repl may be a Lua function."""
    src = check_string(args, 0, "gsub")
    p = check_string(args, 1, "gsub")
    srcl = len(src)
    if len(args) > 3 and args[3] is not None:
        max_s = check_int(args, 3, "gsub")
    else:
        max_s = srcl + 1
    repl = args[2] if len(args) > 2 else None
    rtype = type_name(repl) if len(args) > 2 else b"no value"
    if rtype not in (b"number", b"string", b"function", b"table"):
        raise arg_error(3, "gsub", b"string/function/table expected")
    parts = None
    if rtype == b"number":
        parts = _compile_repl(number_to_bytes(repl))  # type: ignore[arg-type]
    elif rtype == b"string":
        parts = _compile_repl(repl)  # type: ignore[arg-type]
    pattern, anchor = split_anchor(p)
    pat = compile_pattern(pattern)
    out: list[bytes] = []
    n = 0
    pos = 0
    polled = 0
    while n < max_s:
        if pos - polled > POLL_MASK:  # a long gsub looks at the clock now and then
            polled = pos
            poll(L)
        # lstrlib tries each position in turn, copying the bytes where nothing matches: the
        # next match at or after pos is the same (only at pos when anchored)
        m = search(pat, src, pos, anchor)
        if m is None:
            break
        if m.start > pos:
            out.append(src[pos:m.start])
            pos = m.start
        n += 1
        if parts is not None:
            _add_s(out, parts, m)
        else:
            if rtype == b"function":
                res = yield repl, m.captures(True)
                value = res[0] if res else None
            else:
                value = yield from gettable(L, repl, m.capture(0))
            if value is None or value is False:
                out.append(src[m.start:m.end])
            elif value.__class__ is bytes:
                out.append(value)  # type: ignore[arg-type]
            elif value.__class__ is float:
                out.append(number_to_bytes(value))  # type: ignore[arg-type]
            else:
                raise LuaError(b"invalid replacement value (a %s)" % type_name(value),
                               positioned=False)
        if m.end > pos:
            pos = m.end
        elif pos < srcl:
            out.append(src[pos:pos + 1])
            pos += 1
        else:
            break
        if anchor:
            break
    out.append(src[pos:])
    size = sum(map(len, out))
    if size >= LARGE:  # luaL_Buffer's last concatenation: the limits hold before it is built
        reserve(L, size)
    return [b"".join(out), float(n)]


# --- format ----------------------------------------------------------------------------------------

_FLAGS = b"-+ #0"


def _pad(body: bytes, width: int, left: bool) -> bytes:
    return body.ljust(width) if left else body.rjust(width)


def _fmt_int(flags: bytes, width: int, prec: int | None, conv: int, v: int) -> bytes:
    """printf's d i o u x X on a C integer (v signed for d/i, unsigned otherwise)."""
    neg = v < 0
    mag = -v if neg else v
    if conv in (100, 105, 117):  # d i u
        digits = b"%d" % mag
    elif conv == 111:
        digits = b"%o" % mag
    elif conv == 120:
        digits = b"%x" % mag
    else:
        digits = b"%X" % mag
    if prec is not None:
        if prec == 0 and mag == 0:
            digits = b""
        digits = digits.rjust(prec, b"0")
    prefix = b""
    if 35 in flags:  # '#'
        if conv == 111 and not digits.startswith(b"0"):
            digits = b"0" + digits
        elif conv in (120, 88) and mag:
            prefix = b"0x" if conv == 120 else b"0X"
    if conv in (100, 105):
        if neg:
            prefix = b"-"
        elif 43 in flags:
            prefix = b"+"
        elif 32 in flags:
            prefix = b" "
    if 45 in flags:
        return (prefix + digits).ljust(width)
    if 48 in flags and prec is None:
        return prefix + digits.rjust(width - len(prefix), b"0")
    return (prefix + digits).rjust(width)


def _glibc_alt_g(body: bytes, prec: int, ax: float, conv: int) -> bytes:
    """glibc's %#g when rounding carries into a new digit and so forces the exponent style
    (999999.5 with 6 digits): it keeps the fixed style's count of decimals, 0, and prints
    "1.e+06" where C99 (and Python) print "1.00000e+06"."""
    p = prec or 1
    before = _exponent(b"%.40e" % ax)
    after = _exponent(b"%.*e" % (p - 1, ax))
    if before == p - 1 and after == p:
        return b"%#.0E" % ax if conv == 71 else b"%#.0e" % ax
    return body


def _exponent(e_style: bytes) -> int:
    return int(e_style[e_style.rindex(b"e") + 1:])


def _fmt_float(flags: bytes, width: int, prec: int | None, conv: int, x: float) -> bytes:
    """printf's e E f g G on a double, as glibc prints it ("-nan", "inf", no zero padding for
    them)."""
    finite = x - x == 0.0
    if finite:
        p = 6 if prec is None else prec
        alt = 35 in flags
        body = ((b"%#.*" if alt else b"%.*") + bytes([conv])) % (p, abs(x))
        if alt and conv in (103, 71) and x:
            body = _glibc_alt_g(body, p, abs(x), conv)
    else:
        body = b"inf" if x == x else b"nan"
        if conv in (69, 71):  # E G
            body = body.upper()
    if math.copysign(1.0, x) < 0:
        sign = b"-"
    elif 43 in flags:
        sign = b"+"
    elif 32 in flags:
        sign = b" "
    else:
        sign = b""
    if 45 in flags:
        return (sign + body).ljust(width)
    if 48 in flags and finite:
        return sign + body.rjust(width - len(sign), b"0")
    return (sign + body).rjust(width)


def _addquoted(s: bytes) -> bytes:
    """%q: 5.1 escapes only '"', '\\', newline (as backslash-newline), '\\r' and NUL."""
    return b'"' + (s.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\\n")
                   .replace(b"\r", b"\\r").replace(b"\0", b"\\000")) + b'"'


def _cstr(b: bytes) -> bytes:
    """What strlen sees of sprintf's output: up to the first NUL."""
    nul = b.find(b"\0")
    return b if nul < 0 else b[:nul]


@lru_cache(maxsize=256)
def _scan_format(fmt: bytes) -> tuple:
    """str_format's reading of a format string, done once per string: literal bytes, and per
    conversion (flags, width, precision or None, conversion byte); a malformed one becomes
    (None, message), raised when reached, after its argument is counted (scanformat runs
    after luaL_argerror's "no value" check), and nothing after it is read."""
    items: list = []
    n = len(fmt)
    i = 0
    while i < n:
        c = fmt[i]
        if c != 37:
            j = fmt.find(b"%", i)
            if j < 0:
                j = n
            items.append(fmt[i:j])
            i = j
            continue
        i += 1
        if i < n and fmt[i] == 37:
            items.append(b"%")
            i += 1
            continue
        # scanformat
        start = i
        while i < n and fmt[i] in _FLAGS:
            i += 1
        flags = fmt[start:i]
        if len(flags) >= len(_FLAGS) + 1:
            items.append((None, b"invalid format (repeated flags)"))
            break
        wstart = i
        for _ in range(2):
            if i < n and 48 <= fmt[i] <= 57:
                i += 1
        width = int(fmt[wstart:i]) if i > wstart else 0
        prec = None
        if i < n and fmt[i] == 46:  # '.'
            i += 1
            pstart = i
            for _ in range(2):
                if i < n and 48 <= fmt[i] <= 57:
                    i += 1
            prec = int(fmt[pstart:i]) if i > pstart else 0
        if i < n and 48 <= fmt[i] <= 57:
            items.append((None, b"invalid format (width or precision too long)"))
            break
        conv = fmt[i] if i < n else 0
        i += 1
        if conv not in _CONVERSIONS:
            opt = bytes([conv]) if conv else b""
            items.append((None, b"invalid option '%%%s' to 'format'" % opt))
            break
        items.append((flags, width, prec, conv))
    return tuple(items)


_CONVERSIONS = frozenset(b"cdiouxXeEfgGqs")


def str_format(L, args: list) -> list:
    fmt = check_string(args, 0, "format")
    top = len(args)
    arg = 0
    out: list[bytes] = []
    for item in _scan_format(fmt):
        if item.__class__ is bytes:
            out.append(item)
            continue
        arg += 1
        if arg >= top:
            raise arg_error(arg + 1, "format", b"no value")
        if item[0] is None:
            raise LuaError(item[1], positioned=False)
        flags, width, prec, conv = item
        v = args[arg]
        if conv == 115:  # s
            s = v if v.__class__ is bytes else check_string(args, arg, "format")
            if prec is None and len(s) >= 100:
                out.append(s)  # too long to format: kept whole
            else:
                s = _cstr(s)
                if prec is not None:
                    s = s[:prec]
                out.append(_pad(s, width, 45 in flags) if width else s)
        elif conv == 100 or conv == 105:  # d i
            if v.__class__ is float and not flags and not width and prec is None \
                    and -_TWO63 < v < _TWO63:
                out.append(b"%d" % int(v))
            else:
                v = c_long(check_number(args, arg, "format"))
                out.append(_fmt_int(flags, width, prec, conv, v))
        elif conv == 99:  # c
            ch = bytes([c_int_direct(check_number(args, arg, "format")) & 0xFF])
            out.append(_cstr(_pad(ch, width, 45 in flags)))
        elif conv in (111, 117, 120, 88):  # o u x X
            v = c_ulong(check_number(args, arg, "format"))
            out.append(_fmt_int(flags, width, prec, conv, v))
        elif conv == 113:  # q
            out.append(_addquoted(check_string(args, arg, "format")))
        else:  # e E f g G
            out.append(_fmt_float(flags, width, prec, conv, check_number(args, arg, "format")))
    return [b"".join(out)]


# --- registration ----------------------------------------------------------------------------------

_FUNCTIONS = [
    ("byte", str_byte, False),
    ("char", str_char, False),
    ("dump", str_dump, False),
    ("find", str_find, False),
    ("format", str_format, False),
    ("gmatch", str_gmatch, False),
    ("gsub", str_gsub, True),
    ("len", str_len, False),
    ("lower", str_lower, False),
    ("match", str_match, False),
    ("rep", str_rep, False),
    ("reverse", str_reverse, False),
    ("sub", str_sub, False),
    ("upper", str_upper, False),
]


def open_string(L) -> None:
    """luaopen_string: the ``string`` table, ``gfind`` as an alias of gmatch (LUA_COMPAT_GFIND),
    and the strings' metatable ``{__index = string}``."""
    functions = {name.encode(): Builtin(name, fn, gen) for name, fn, gen in _FUNCTIONS}
    functions[b"gfind"] = functions[b"gmatch"]
    # strlib[]'s order (gfind before gmatch), in a table sized for it: pairs(string)'s order
    lib = LuaTable(0, len(functions))
    for name in sorted(functions):
        lib.set_str(name, functions[name])
    L.globals.set_str(b"string", lib)
    meta = LuaTable(0, 1)
    meta.set_str(b"__index", lib)
    L.string_meta = meta
