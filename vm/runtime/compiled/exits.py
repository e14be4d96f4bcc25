"""The checks after a slow path's call in translated code, as functions that raise ``Leave``.

A slow path (support.index_meta, arith_meta, compare_meta ...) may end the translated code's
run: its metamethod went on as a frame of the dispatcher (SUSPEND), the budget left does not
pay for the rest of the block, the frame was edited (debug.setlocal, the collector), or an
arithmetic site assumed a number and got another value (deoptimize). Written inline, those
checks were four or five statements at every slow path, twice where a block has two cases,
and most of the Python compile() of a translation (bench/translate_cost.py). Here they are
one call; leaving raises ``Leave`` with what the translated function returns, which its own
handler returns (emit.py: ``except Leave as e: return e.value``). Each function's exits are
exactly the inline checks' (the same order, the same values).

``refund``: the budget units the slow path's instruction gave back (0 in a translation that
counts no budget): when L.budget less it is negative, the block cannot go on.

With them, the other work of a rare way that was written out at every site: the frame put in
order before a slow path or a collection (put, synced, gc_at), and the second step of a
field's lookup through an __index table (via_index).
"""

from __future__ import annotations

from vm.runtime.compiled import SUSPEND
from vm.runtime.compiled.support import decided, deoptimize, open_frame, stored
from vm.runtime.table import LuaTable


class Leave(Exception):  # noqa: N818 (not an error: a way out)
    """The translated function returns ``value`` now (caught by its own handler)."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


def x_value(L, f, v: object, edits: int, a: int, refund: int) -> object:
    """A slow path's value for R[a]; leaving, it is stored into the frame."""
    if v is SUSPEND:
        raise Leave(SUSPEND)
    if (refund and L.budget - refund < 0) or L.frame_edits != edits:
        raise Leave(stored(f, a, v))
    return v


def x_number(L, f, v: object, edits: int, a: int, refund: int, pc: int) -> object:
    """As x_value at a site that assumes a number: another value deoptimizes the site."""
    if v is SUSPEND:
        raise Leave(SUSPEND)
    if refund and L.budget - refund < 0:
        raise Leave(stored(f, a, v))
    if v.__class__ is not float or L.frame_edits != edits:
        raise Leave(deoptimize(L, f, pc, a, v))
    return v


def x_none(L, v: object, edits: int, refund: int) -> None:
    """A slow path with no value (a store): leaving, the dispatcher goes on at f.pc."""
    if v is SUSPEND or (refund and L.budget - refund < 0) or L.frame_edits != edits:
        raise Leave(SUSPEND)


def x_truth(L, f, t: object, edits: int, a: int, jump: int, skip: int, refund: int) -> object:
    """A comparison's answer; leaving, the frame goes on at the branch it takes."""
    if t is SUSPEND:
        raise Leave(SUSPEND)
    if (refund and L.budget - refund < 0) or L.frame_edits != edits:
        raise Leave(decided(f, t, a, jump, skip))
    return t


# --- the frame in order before a rare way ------------------------------------------------------


def put(R: list, *pairs: object) -> None:
    """Write registers back: index, value, index, value ..."""
    for i in range(0, len(pairs), 2):
        R[pairs[i]] = pairs[i + 1]


def synced(L, f, cl, ret_a: int, nres: int, cont: int, nk: int, args: tuple,
           *pairs: object) -> object:
    """A lazy frame's function on a rare way: its frame (opened now if it is not:
    support.open_frame), with these registers written back (index, value ...)."""
    if f is None:
        f = open_frame(L, cl, ret_a, nres, cont, nk, args)
    R = f.R
    for i in range(0, len(pairs), 2):
        R[pairs[i]] = pairs[i + 1]
    return f


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


EXITS = {"Leave": Leave, "x_value": x_value, "x_number": x_number, "x_none": x_none,
         "x_truth": x_truth, "put": put, "synced": synced, "gc_at": gc_at,
         "via_index": via_index, "via_index_str": via_index_str}
