"""The rare ways out of a slow path in translated code, and the rare steps of a lookup.

A slow path (support.index_meta, arith_meta, compare_meta ...) may end the translated code's
run: its metamethod went on as a frame of the dispatcher (SUSPEND), the budget left does not
pay for the rest of the block, the frame was edited (debug.setlocal, the collector), or an
arithmetic site assumed a number and got another value (deoptimize). The generated code tests
all of them in one condition after the call and returns what one of these functions says
(left_value, left_number, left_truth): the same exits, in the same order, as the separate
tests written out at every slow path before, in half the source (most of a translation's
cost is Python's compile() of it: bench/translate_cost.py), and no extra call on the way on.

With them, the steps of a rare way that were written out at every site: a collection after an
allocation (gc_at) and the second step of a field's lookup through an __index table
(via_index; a method call keeps it inline).
"""

from __future__ import annotations

from vm.runtime.compiled import SUSPEND
from vm.runtime.compiled.support import decided, deoptimize, stored
from vm.runtime.table import LuaTable


def left_value(f, v: object, a: int) -> object:
    """A slow path's value for R[a] when the translated code cannot go on: SUSPEND as it
    came, else (the budget out, the frame edited) stored into the frame."""
    return SUSPEND if v is SUSPEND else stored(f, a, v)


def left_number(L, f, v: object, a: int, pc: int, out: bool) -> object:
    """As left_value at a site that assumes a number (``out``: the budget left does not pay
    for the block): a value of another type deoptimizes the site."""
    if v is SUSPEND:
        return SUSPEND
    if out:
        return stored(f, a, v)
    return deoptimize(L, f, pc, a, v)


def left_truth(f, t: object, a: int, jump: int, skip: int) -> object:
    """A comparison's answer when the translated code cannot go on: the frame goes on at the
    branch it takes."""
    return SUSPEND if t is SUSPEND else decided(f, t, a, jump, skip)


# --- the frame in order before a rare way ------------------------------------------------------


def via_index(L, t: object, key: object) -> object:
    """luaV_gettable's second step when __index is a table (a field of a class, of the string
    library): the raw value there, or None for index_meta to take the whole chain."""
    mt = t.metatable if t.__class__ is LuaTable else L.string_meta if t.__class__ is bytes else None
    if mt is None or (h := mt.hash.get(b"__index")).__class__ is not LuaTable:
        return None
    return h.get(key)


def via_index_str(L, t: object, key: bytes) -> object:
    """via_index for a constant string key."""
    mt = t.metatable if t.__class__ is LuaTable else L.string_meta if t.__class__ is bytes else None
    if mt is None or (h := mt.hash.get(b"__index")).__class__ is not LuaTable:
        return None
    return h.hash.get(key)


def gc_at(L, f, pc: int) -> None:
    """A collection step after an allocation, the frame in order at pc."""
    f.pc = pc
    L.gc_check()


EXITS = {"left_value": left_value, "left_number": left_number, "left_truth": left_truth,
         "gc_at": gc_at,
         "via_index": via_index, "via_index_str": via_index_str}
