"""Read-only tables, as Redis 7.0's patched Lua has them (lua_enablereadonlytable).

Redis marks the global table and every table reachable from it read-only: any write (an
assignment, rawset, table.insert, setmetatable) fails with ``Attempt to modify a readonly table``,
raised as the VM raises its own errors (luaG_runerror: positioned in Lua code, not inside a
library function).

How, without a flag tested on every store: a LuaTable keeps its array part in ``arr`` (a list) and
its node part in ``hash`` (a dict), and every write to a table, by the interpreter or a library,
ends in a store into one of them (``LuaTable.set``, the SETTABLE fast path, a rehash's clear). A
protected table gets a list and a dict of subclasses whose mutating methods raise. Reads go
straight to the inherited C methods, so protection costs nothing when reading. Opening a table
again (to set KEYS and ARGV in the globals, as Redis does between runs) swaps the class back.
A metatable change goes through ``setmetatable``, which the environment replaces with
``guarded_setmetatable``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from vm.errors import LuaError
from vm.runtime.table import LuaTable

MESSAGE = b"Attempt to modify a readonly table"


def readonly_error() -> LuaError:
    return LuaError(MESSAGE, positioned=False, runtime=True)


def _refuse(self, *args: object, **kwargs: object) -> None:
    raise readonly_error()


class _OpenDict(dict):
    """The node part of a protected table while it is opened: a plain dict in behaviour."""

    __slots__ = ()


class _ReadonlyDict(dict):
    """The node part of a protected table: every mutation raises."""

    __slots__ = ()
    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse


class _OpenList(list):
    __slots__ = ()


class _ReadonlyList(list):
    """The array part of a protected table: every mutation raises."""

    __slots__ = ()
    __setitem__ = __delitem__ = append = extend = insert = pop = remove = clear = _refuse
    __iadd__ = __imul__ = sort = reverse = _refuse


def is_readonly(t: object) -> bool:
    return t.__class__ is LuaTable and t.hash.__class__ is _ReadonlyDict  # type: ignore[attr-defined]


def protect(t: LuaTable) -> None:
    """Make one table read-only."""
    if t.hash.__class__ is dict:
        t.hash = _ReadonlyDict(t.hash)  # the same keys in the same order: the layout holds
    else:
        t.hash.__class__ = _ReadonlyDict
    if t.arr.__class__ is list:
        t.arr = _ReadonlyList(t.arr)
    else:
        t.arr.__class__ = _ReadonlyList


def protect_recursively(t: LuaTable) -> None:
    """luaSetTableProtectionRecursively: t, every table among its values, and their metatables,
    transitively. Iterative; a table already protected is not visited again."""
    todo = [t]
    while todo:
        u = todo.pop()
        if is_readonly(u):
            continue
        protect(u)
        for _, v in u.items():
            if v.__class__ is LuaTable:
                todo.append(v)  # type: ignore[arg-type]
        if u.metatable is not None:
            todo.append(u.metatable)


@contextmanager
def opened(t: LuaTable) -> Iterator[LuaTable]:
    """lua_enablereadonlytable(t, 0) for the duration of the block, then read-only again."""
    if not is_readonly(t):
        yield t
        return
    t.hash.__class__ = _OpenDict
    t.arr.__class__ = _OpenList
    try:
        yield t
    finally:
        t.hash.__class__ = _ReadonlyDict
        t.arr.__class__ = _ReadonlyList


def guarded_setmetatable(base_setmetatable):
    """setmetatable that refuses a read-only table once its arguments pass luaB_setmetatable's
    checks (lua_setmetatable is where Redis tests the flag)."""

    def r_setmetatable(L, args: list) -> list:
        t = args[0] if args else None
        if is_readonly(t) and len(args) >= 2 and (args[1] is None or args[1].__class__ is LuaTable):
            mt = t.metatable  # type: ignore[union-attr]
            if mt is None or mt.get_str(b"__metatable") is None:
                raise readonly_error()
        return base_setmetatable(L, args)

    return r_setmetatable
