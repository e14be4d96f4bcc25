"""Fast deep copies of the VM's own objects, for the debugger's checkpoints.

copy.deepcopy goes through its dispatch and memo for every value, numbers and strings included;
most values in tables and registers are immutable, so the VM's classes copy themselves
(``__deepcopy__``), handing only the mutable values to deepcopy. Correctness is checked by the
debugger's tests that replay every step of programs and compare whole states.
"""

from __future__ import annotations

from copy import deepcopy

ATOMIC = frozenset({float, bytes, bool, type(None), int, str})


def copy_value(v: object, memo: dict) -> object:
    """v itself when immutable, else its deep copy in this memo."""
    if v.__class__ in ATOMIC:
        return v
    return deepcopy(v, memo)


def copy_list(values: list, memo: dict) -> list:
    return [v if v.__class__ in ATOMIC else deepcopy(v, memo) for v in values]


def shared_list(values: list, memo: dict) -> list:
    """The copy of a list other objects also hold (a frame's registers, which open upvalue cells
    point into): one copy per memo, registered before its items are copied, since an item (a
    closure over that very frame) may lead back to the list."""
    done = memo.get(id(values))
    if done is not None:
        return done
    new = [None] * len(values)
    memo[id(values)] = new
    for i, v in enumerate(values):
        new[i] = v if v.__class__ in ATOMIC else deepcopy(v, memo)
    return new
