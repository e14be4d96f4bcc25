"""Argument checking with lauxlib.c's messages (``bad argument #1 to 'f' (number expected,
got nil)``)."""

from __future__ import annotations

from vm.errors import LuaError
from vm.runtime.numbers import number_to_bytes, str_to_number
from vm.runtime.table import LuaTable
from vm.runtime.values import type_name


class ArgError(LuaError):
    """luaL_argerror, before the VM knows how the caller named the function: the message is
    completed when the error is positioned (``bad argument #n to 'name' (extra)``, the
    argument number shifted for method calls)."""

    def __init__(self, narg: int, fname: str, extra: bytes) -> None:
        super().__init__(b"bad argument #%d to '%s' (%s)" % (narg, fname.encode(), extra),
                         positioned=False)
        self.narg = narg
        self.extra = extra

    def complete(self, how: tuple[bytes, bytes] | None) -> None:
        """Word the message with the caller's name for the function: (namewhat, name)."""
        narg = self.narg
        if how is not None and how[0] == b"method":
            narg -= 1
            if narg == 0:
                self.value = b"calling '%s' on bad self (%s)" % (how[1], self.extra)
                return
        name = how[1] if how is not None else b"?"
        self.value = b"bad argument #%d to '%s' (%s)" % (narg, name, self.extra)


def arg_error(n: int, fname: str, extra: bytes) -> LuaError:
    return ArgError(n, fname, extra)


def type_of_arg(args: list, i: int) -> bytes:
    return type_name(args[i]) if i < len(args) else b"no value"


def type_error(args: list, i: int, fname: str, expected: bytes) -> LuaError:
    return arg_error(i + 1, fname, b"%s expected, got %s" % (expected, type_of_arg(args, i)))


def check_any(args: list, i: int, fname: str) -> object:
    if i >= len(args):
        raise arg_error(i + 1, fname, b"value expected")
    return args[i]


def check_number(args: list, i: int, fname: str) -> float:
    v = args[i] if i < len(args) else None
    if v.__class__ is float:
        return v  # type: ignore[return-value]
    if v.__class__ is bytes:
        n = str_to_number(v)  # type: ignore[arg-type]
        if n is not None:
            return n
    raise type_error(args, i, fname, b"number")


def opt_number(args: list, i: int, fname: str, default: float) -> float:
    if i >= len(args) or args[i] is None:
        return default
    return check_number(args, i, fname)


# --- C's conversions of doubles to integers (gcc on x86-64) -----------------------------------

_TWO63 = 9223372036854775808.0


def c_long(x: float) -> int:
    """(long)x, i.e. cvttsd2si: toward zero; LONG_MIN for NaN and values out of range."""
    if -_TWO63 <= x < _TWO63:
        return int(x)
    return -(1 << 63)


def c_int(x: float) -> int:
    """(int)(long)x, luaL_checkint's cast: the 64-bit conversion keeping its low 32 bits, signed.

    So ``math.random(2^32 + 5)`` draws from 1..5 and ``math.ldexp(1, 1/0)`` is 1, as in lua5.1."""
    v = c_long(x) & 0xFFFFFFFF
    return v - (1 << 32) if v & 0x80000000 else v


def check_integer(args: list, i: int, fname: str) -> int:
    """luaL_checkinteger: argument i (0-based) as a C long."""
    return c_long(check_number(args, i, fname))


def opt_integer(args: list, i: int, fname: str, default: int) -> int:
    """luaL_optinteger: nil or absent gives the default."""
    if i >= len(args) or args[i] is None:
        return default
    return check_integer(args, i, fname)


def check_int(args: list, i: int, fname: str) -> int:
    """luaL_checkint: argument i (0-based) as a C int."""
    return c_int(check_number(args, i, fname))


def opt_int(args: list, i: int, fname: str, default: int) -> int:
    """luaL_optint: nil or absent gives the default."""
    if i >= len(args) or args[i] is None:
        return default
    return check_int(args, i, fname)


def check_table(args: list, i: int, fname: str) -> LuaTable:
    v = args[i] if i < len(args) else None
    if v.__class__ is not LuaTable:
        raise type_error(args, i, fname, b"table")
    return v  # type: ignore[return-value]


def check_string(args: list, i: int, fname: str) -> bytes:
    """luaL_checklstring: strings, and numbers converted as %.14g."""
    v = args[i] if i < len(args) else None
    if v.__class__ is bytes:
        return v  # type: ignore[return-value]
    if v.__class__ is float:
        return number_to_bytes(v)  # type: ignore[arg-type]
    raise type_error(args, i, fname, b"string")
