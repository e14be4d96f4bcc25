"""The rarer ways of a CALL in translated code, as one function each, so that the code written
at every call site (emit_calls.call) holds only the two common ones inline (a Lua function's
translated code, a plain library function) and is short to compile."""

from __future__ import annotations

from vm.runtime.compiled import SUSPEND
from vm.runtime.compiled.cobody import IN_FRAME, OTHER, resume_body
from vm.runtime.compiled.support import call_other, delivered, edited
from vm.runtime.function import Builtin


def call_slow(L, f, fn: object, args: list, a: int, want: int, depth: int) -> object:
    """A CALL of anything but a translated Lua function with room to nest or a plain library
    function: a resume or wrap function whose coroutine's body runs as a generator
    (cobody.py), else as the interpreter makes it (support.call_other). The results as the
    call site takes them (the value itself when one is wanted), or SUSPEND."""
    if fn.__class__ is Builtin and fn.switch is not None:
        res = resume_body(L, f, fn, args, a, want, 0, depth)
        if res is not OTHER:
            return delivered(f, a, want, 0) if res is IN_FRAME else res
    return call_other(L, f, fn, args, a, want, 0, a, depth)


def call_left(L, f, res: object, a: int, want: int) -> object:
    """What a CALL's site returns when its translated code cannot go on: SUSPEND as it came,
    or, the frame edited while the callee ran (debug.setlocal), the results delivered into
    the frame for the dispatcher to resume it."""
    return res if res is SUSPEND else edited(L, f, res, a, want)


CALLS = {"call_slow": call_slow, "call_left": call_left}
