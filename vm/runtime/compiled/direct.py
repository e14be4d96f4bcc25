"""Calls of Lua functions made by library generators (sort's comparator, pcall's function,
gsub's replacement ...) as nested calls of their translated code, so that the generator gets
the results without the dispatcher's round trip (LuaState.resume_gen).

The nesting is bounded: each such call may nest up to MAXDEPTH translated calls in Python, and
at most MAX_ISLANDS of them nest in each other; past that the call opens a frame for the
dispatcher, as without the compiled tier.
"""

from __future__ import annotations

from vm.runtime.compiled import FREE, LUAI_MAXCALLS, MAXDEPTH, SUSPEND

MAX_ISLANDS = 8
CONT_CALL = 0  # vm/runtime/frame.py


def call_direct(L, fn, args: list) -> object:
    """Call Lua function fn with args for the generator frame on top (results to it, as
    call_with(f, fn, args, 0, -1, CONT_CALL) would deliver them): the results list, or SUSPEND
    when its frame is left to the dispatcher."""
    if L.islands >= MAX_ISLANDS:
        L.push_lua(fn, args, 0, -1, CONT_CALL)
        return SUSPEND
    left = LUAI_MAXCALLS - len(L.frames)
    L.islands += 1
    p = fn.p
    enter = p.enter_free if L.budget >= FREE and L.current.hook is None else p.enter
    try:
        return enter(L, None, 0, left if left < MAXDEPTH else MAXDEPTH, fn, 0, -1, CONT_CALL, *args)
    finally:
        L.islands -= 1
