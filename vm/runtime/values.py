"""Lua values: type names, truth, raw equality, and the plain (metamethod-free) tostring."""

from __future__ import annotations

from vm.runtime import track
from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable


class Userdata:
    """A full userdata: an opaque value with a metatable and an environment (newproxy)."""

    __slots__ = ("metatable", "env", "value", "handle")

    def __init__(self, value: object = None) -> None:
        self.metatable: LuaTable | None = None
        self.env: object = None
        self.value = value
        self.handle = None
        if track.hook is not None:
            track.hook(self)


_TYPE_NAMES: dict[type, bytes] = {
    type(None): b"nil",
    bool: b"boolean",
    float: b"number",
    bytes: b"string",
    LuaTable: b"table",
    LuaFunction: b"function",
    Builtin: b"function",
    Userdata: b"userdata",
    Coroutine: b"thread",
}


def register_type(cls: type, name: bytes) -> None:
    """Name a runtime class (coroutines register as b"thread")."""
    _TYPE_NAMES[cls] = name


def type_name(v: object) -> bytes:
    """lua_typename of a value."""
    return _TYPE_NAMES.get(v.__class__, b"userdata")


def is_false(v: object) -> bool:
    return v is None or v is False


def raw_equal(a: object, b: object) -> bool:
    """luaO_rawequalObj: same type and same value (1 and true differ; -0 equals 0; NaN is not
    equal to itself, even as the same object)."""
    if a.__class__ is float:
        return b.__class__ is float and a == b
    return a is b or (a.__class__ is bytes and b.__class__ is bytes and a == b)


def plain_tostring(v: object, address: int | None = None) -> bytes:
    """luaL_tolstring without __tostring: numbers as %.14g, the rest by type (and address)."""
    cls = v.__class__
    if cls is bytes:
        return v  # type: ignore[return-value]
    if cls is float:
        return number_to_bytes(v)  # type: ignore[arg-type]
    if v is None:
        return b"nil"
    if v is True:
        return b"true"
    if v is False:
        return b"false"
    if address is None:
        # a light userdata is a bare C pointer of its own (vm/lib/cjson.py: cjson.null is NULL)
        address = getattr(v, "address", None)
        if address is None:
            address = id(v)
    if address == 0:
        return b"%s: (nil)" % type_name(v)  # glibc's printf("%p") of NULL, as lua_pushfstring
    return b"%s: 0x%08x" % (type_name(v), address)
