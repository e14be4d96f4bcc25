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
"""

from __future__ import annotations

from vm.runtime.compiled import SUSPEND
from vm.runtime.compiled.support import decided, deoptimize, stored


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


EXITS = {"Leave": Leave, "x_value": x_value, "x_number": x_number, "x_none": x_none,
         "x_truth": x_truth}
