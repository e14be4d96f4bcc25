"""The os library (loslib.c): time and date, the environment, files by name, processes.

Dates go through the C library as 5.1's do: Python's time.gmtime/localtime/mktime/strftime
call glibc's, so every strftime conversion, time zone and mktime normalisation is the
system's own. os.exit does not end the process from inside the VM: it raises ``LuaExit``,
which front ends catch to flush and exit with its code.
"""

from __future__ import annotations

import os
import secrets
import time

from vm.errors import LuaError
from vm.lib.args import check_number, check_string, check_table, opt_int
from vm.lib.gettable import gettable
from vm.lib.io import (
    c_long,
    check_option,
    err_stream,
    failure,
    flush_before_child,
    flush_everything,
    opt_string,
    out_stream,
)
from vm.lib.process import system
from vm.lib.stdio import cstr
from vm.runtime.function import Builtin
from vm.runtime.numbers import str_to_number
from vm.runtime.table import LuaTable


class LuaExit(BaseException):
    """os.exit([code]): unwinds the VM and the embedding; ``code`` is the exit status."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _c_int(n: int) -> int:
    """An integer converted to a 32-bit C int (wrapping, as x86-64 does)."""
    n &= 0xFFFFFFFF
    return n - (1 << 32) if n >= 1 << 31 else n


def _now(L) -> int:
    """time(NULL), through the state's record of outside values (see LuaState.outside)."""
    return L.outside(lambda: int(time.time()))


def _time_t(L, args: list, i: int, fname: str) -> int:
    """luaL_opt(L, (time_t)luaL_checknumber, i, time(NULL))."""
    if i >= len(args) or args[i] is None:
        return _now(L)
    return c_long(check_number(args, i, fname))


# --- os.date ------------------------------------------------------------------------------------


def _broken_down(t: int, utc: bool) -> time.struct_time | None:
    """gmtime/localtime, or None where C returns NULL (the year does not fit an int)."""
    try:
        st = time.gmtime(t) if utc else time.localtime(t)
    except (OverflowError, OSError, ValueError):
        return None
    if utc:  # glibc's gmtime names its zone GMT
        st = time.struct_time((*tuple(st)[:9], "GMT", 0))
    return st


def _date_table(st: time.struct_time) -> LuaTable:
    t = LuaTable(0, 9)
    for key, value in [(b"sec", st.tm_sec), (b"min", st.tm_min), (b"hour", st.tm_hour),
                       (b"day", st.tm_mday), (b"month", st.tm_mon), (b"year", st.tm_year),
                       (b"wday", (st.tm_wday + 1) % 7 + 1), (b"yday", st.tm_yday)]:
        t.set_str(key, float(value))
    if st.tm_isdst >= 0:
        t.set_str(b"isdst", st.tm_isdst > 0)
    return t


def _strftime(spec: bytes, st: time.struct_time) -> bytes:
    """One two-character conversion through the C library's strftime."""
    try:
        out = time.strftime(spec.decode("latin-1"), st)
    except (ValueError, OverflowError, UnicodeError):
        return b""
    try:
        return out.encode("latin-1")
    except UnicodeEncodeError:
        return out.encode("utf-8", "surrogateescape")


def os_date(L, args: list) -> list:
    """os.date([format [, time]]): '!' for UTC, '*t' for a table, else strftime one
    conversion at a time (so '%-d' or '%5d' stay as glibc prints an unknown two-character
    conversion); the format ends at a NUL as a C string does."""
    s = cstr(opt_string(args, 0, "date", b"%c"))
    t = _time_t(L, args, 1, "date")
    utc = s.startswith(b"!")
    if utc:
        s = s[1:]
    st = _broken_down(t, utc)
    if st is None:
        return [None]
    if s == b"*t":
        return [_date_table(st)]
    out = []
    i, n = 0, len(s)
    while i < n:
        if s[i] != 0x25 or i + 1 == n:  # not '%', or a '%' that ends the format
            out.append(s[i:i + 1])
            i += 1
        else:
            out.append(_strftime(s[i:i + 2], st))
            i += 2
    return [b"".join(out)]


# --- os.time ------------------------------------------------------------------------------------


def _getfield(L, t: LuaTable, key: bytes, default: int):
    """getfield: a number (or numeric string) as a C int; a missing required field is an
    error."""
    v = yield from gettable(L, t, key)
    if v.__class__ is bytes:
        v = str_to_number(v)  # type: ignore[arg-type]
    if v.__class__ is float:
        return _c_int(c_long(v))  # type: ignore[arg-type]
    if default < 0:
        raise LuaError(b"field '%s' missing in date table" % key, positioned=False)
    return default


_INT_MAX = (1 << 31) - 1
_CYCLE = 146097 * 86400  # seconds in 400 Gregorian years, after which the calendar repeats


def _mktime(year: int, mon: int, mday: int, hour: int, minute: int, sec: int,
            isdst: int) -> int:
    """mktime on a C struct tm (tm_year, tm_mon as C has them); -1 when it fails.

    Python's mktime takes the year as a C int before subtracting 1900, so a tm_year near
    INT_MAX is moved by whole 400-year cycles first (months folded into years as mktime
    folds them); the cycles are added back to the result, which must still convert back
    to a date, as glibc requires."""
    y = year + 1900 + mon // 12
    cycles = 0
    if y > _INT_MAX:
        cycles = (y - _INT_MAX + 399) // 400
    elif y < -_INT_MAX:
        cycles = -((-_INT_MAX - y + 399) // 400)
    y -= 400 * cycles
    try:
        t = int(time.mktime((y, mon % 12 + 1, mday, hour, minute, sec, 0, 1, isdst)))
        t += cycles * _CYCLE
        time.localtime(t)  # like glibc, fail when the normalised date's year overflows an int
    except (OverflowError, OSError, ValueError):
        return -1
    return t


def os_time(L, args: list):
    """os.time([table]): now, or mktime of the table's fields (normalised as mktime does);
    nil when mktime fails or answers -1, as in 5.1."""
    if not args or args[0] is None:
        t = _now(L)
    else:
        tbl = check_table(args, 0, "time")
        sec = yield from _getfield(L, tbl, b"sec", 0)
        minute = yield from _getfield(L, tbl, b"min", 0)
        hour = yield from _getfield(L, tbl, b"hour", 12)
        mday = yield from _getfield(L, tbl, b"day", -1)
        mon = _c_int((yield from _getfield(L, tbl, b"month", -1)) - 1)
        year = _c_int((yield from _getfield(L, tbl, b"year", -1)) - 1900)
        dst = yield from gettable(L, tbl, b"isdst")
        isdst = -1 if dst is None else int(dst is not False)
        t = _mktime(year, mon, mday, hour, minute, sec, isdst)
    return [None] if t == -1 else [float(t)]


def os_difftime(L, args: list) -> list:
    t1 = c_long(check_number(args, 0, "difftime"))
    t2 = 0 if len(args) < 2 or args[1] is None else c_long(check_number(args, 1, "difftime"))
    return [float(t1 - t2)]


def os_clock(L, args: list) -> list:
    """clock(): the processor time of the process, in seconds."""
    return [L.outside(time.process_time)]


# --- environment, files, processes --------------------------------------------------------------


def os_getenv(L, args: list) -> list:
    return [os.environb.get(cstr(check_string(args, 0, "getenv")))]


def os_remove(L, args: list) -> list:
    """remove(): a file, or an empty directory (glibc tries rmdir when unlink says EISDIR)."""
    filename = check_string(args, 0, "remove")
    path = cstr(filename)
    try:
        try:
            os.unlink(path)
        except IsADirectoryError:
            os.rmdir(path)
    except OSError as exc:
        return failure(exc.errno or 0, filename)
    return [True]


def os_rename(L, args: list) -> list:
    fromname = check_string(args, 0, "rename")
    toname = check_string(args, 1, "rename")
    try:
        os.rename(cstr(fromname), cstr(toname))
    except OSError as exc:
        return failure(exc.errno or 0, fromname)
    return [True]


_NAME_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def os_tmpname(L, args: list) -> list:
    """lua_tmpnam with mkstemp: a new empty file /tmp/lua_XXXXXX, its name returned."""
    for _ in range(100):
        name = b"/tmp/lua_" + bytes(secrets.choice(_NAME_CHARS) for _ in range(6))
        try:
            fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError:
            break
        os.close(fd)
        return [name]
    raise LuaError(b"unable to generate a unique filename", positioned=False)


def os_execute(L, args: list) -> list:
    """system(): the raw wait status (0, 256 for exit 1, the signal number if killed); with
    no command, 1 when a shell is there. Output already written is flushed first where C's
    would be out already (see flush_before_child)."""
    command = None if not args or args[0] is None else check_string(args, 0, "execute")
    flush_before_child(L)
    return [float(system(command, out_stream(L), err_stream(L)))]


def os_exit(L, args: list) -> list:
    """exit([code]): flush the streams as C's exit does, then unwind with LuaExit."""
    code = opt_int(args, 0, "exit", 0)
    flush_everything(L)
    raise LuaExit(_c_int(code))


_CATEGORIES = {name: name for name in (b"all", b"collate", b"ctype", b"monetary", b"numeric", b"time")}


def os_setlocale(L, args: list) -> list:
    """setlocale: only the C locale exists here ("" and "POSIX" select it too)."""
    locale = None if not args or args[0] is None else check_string(args, 0, "setlocale")
    check_option(args, 1, "setlocale", b"all", _CATEGORIES)
    if locale is None or cstr(locale) in (b"C", b"", b"POSIX"):
        return [b"C"]
    return [None]


def open_os(L) -> None:
    """Register the os library (luaopen_os) in L's globals."""
    lib = LuaTable(0, 11)  # sized for syslib[] as luaL_register sizes it (pairs(os) order)
    for name, fn, gen in [("clock", os_clock, False), ("date", os_date, False),
                          ("difftime", os_difftime, False), ("execute", os_execute, False),
                          ("exit", os_exit, False), ("getenv", os_getenv, False),
                          ("remove", os_remove, False), ("rename", os_rename, False),
                          ("setlocale", os_setlocale, False), ("time", os_time, True),
                          ("tmpname", os_tmpname, False)]:
        lib.set_str(name.encode(), Builtin(name, fn, gen))
    L.globals.set_str(b"os", lib)
    loaded = L.registry.get_str(b"_LOADED")
    if loaded.__class__ is LuaTable:
        loaded.set_str(b"os", lib)  # type: ignore[attr-defined]

