"""lua_gettable for library functions written as generators (os.time's fields, gsub's table
replacement): a raw get, then ``__index`` as luaV_gettable follows it; a function handler is
called as a VM frame (the generator yields the call), never by Python recursion."""

from __future__ import annotations

from vm.errors import LuaError
from vm.runtime.table import LuaTable
from vm.runtime.values import type_name

MAXTAGLOOP = 100


def gettable(L, t: object, key: object):
    """t[key] with metamethods, as a generator step (use ``yield from``)."""
    for _ in range(MAXTAGLOOP):
        if t.__class__ is LuaTable:
            v = t.get(key)  # type: ignore[attr-defined]
            if v is not None:
                return v
            h = L.metamethod(t, b"__index")
            if h is None:
                return None
        else:
            h = L.metamethod(t, b"__index")
            if h is None:
                raise LuaError(b"attempt to index a %s value" % type_name(t), positioned=False)
        if type_name(h) == b"function":
            res = yield h, [t, key]
            return res[0] if res else None
        t = h
    raise LuaError(b"loop in gettable", positioned=False)
