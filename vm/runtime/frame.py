"""Call frames: one per active Lua function call, library generator or metamethod call.

The VM's own list of frames is the call stack (never Python's). A frame remembers how to hand
its results back: ``ret_a``/``nresults`` for a CALL (results go to the caller's registers from
``ret_a``; ``nresults`` -1 means all of them), or a continuation ``cont`` for a metamethod call
made from the middle of an instruction (store one result, test it for a comparison, finish a
CONCAT, continue a generic for).
"""

from __future__ import annotations

from collections.abc import Generator

from vm.runtime.function import Builtin, LuaFunction

# continuations: what a callee's results mean to the frame below it
CONT_CALL = 0  # results to R[ret_a...] (nresults of them, or all)
CONT_STORE = 1  # first result to R[ret_a] (an __index, arithmetic ... metamethod)
CONT_DISCARD = 2  # no result wanted (__newindex)
CONT_TEST = 3  # a comparison metamethod: skip the next instruction unless truth == ret_a
CONT_TEST_NOT = 4  # __le emulated by not __lt(b, a)
CONT_CONCAT = 5  # store at R[ret_a] and go on concatenating down to the CONCAT's register B
CONT_TFORLOOP = 6  # generic for: results to R[ret_a+3 ...], then the loop test
CONT_THREAD_END = 7  # a coroutine's body: its return ends the coroutine
CONT_ERRFUNC = 8  # an xpcall message handler: its result is the error that unwinds
CONT_HOOK = 9  # a debug hook: no result wanted; hooks are allowed again when it returns
CONT_FAILED_C = 10  # a library function that raised an error, kept under its message handler


class Frame:
    """One activation. Lua frames use cl/R/pc/varargs/top; generator frames use gen."""

    __slots__ = ("cl", "R", "pc", "varargs", "top", "ret_a", "nresults", "cont", "gen",
                 "builtin", "tailcalls", "boundary", "open_upvals",
                 "hookpc", "hookmark")  # set only under a debug hook (vm/runtime/hooks.py)

    def __init__(self, cl: LuaFunction | None, R: list | None, varargs: list | None,
                 ret_a: int, nresults: int, cont: int) -> None:
        self.cl = cl
        self.R = R
        self.pc = 0
        self.varargs = varargs
        self.top = 0
        self.ret_a = ret_a
        self.nresults = nresults
        self.cont = cont
        self.gen: Generator | None = None
        self.builtin: Builtin | None = None
        self.tailcalls = 0
        # a C-call boundary (library generator, metamethod call): coroutines cannot yield
        # across it, and it counts toward the C-level nesting limit
        self.boundary = cont != CONT_CALL and cont != CONT_THREAD_END
        self.open_upvals: dict | None = None

NEW = object.__new__  # lua_call's common case builds frames inline: NEW(Frame) and every slot,
# which is a third cheaper than Frame(...) (see lua_frame and the compiled tier's prologue)


def lua_frame(cl: LuaFunction, R: list, ret_a: int, nresults: int) -> Frame:
    """The frame of a plain Lua-to-Lua call (CONT_CALL, no varargs), without __init__."""
    f = NEW(Frame)
    f.cl = cl
    f.R = R
    f.pc = 0
    f.varargs = None
    f.top = 0
    f.ret_a = ret_a
    f.nresults = nresults
    f.cont = CONT_CALL
    f.gen = None
    f.builtin = None
    f.tailcalls = 0
    f.boundary = False
    f.open_upvals = None
    return f
