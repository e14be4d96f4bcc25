"""Coroutine switches made by translated code in one step: coroutine.yield, coroutine.resume
and a coroutine.wrap function called from a translated frame.

The switch is vm/runtime/coroutine.py's native one (``native_switch``: the library function's
frame pushed, the frame lists swapped, the other side's frame handed its values), with its
helpers' work done in place (``_library_frame``, ``enter_c``, ``switch_to``,
``resume_pending``, ``answer_resumer``): a switch is the hot path of a pipeline of
coroutines, and each Python call it saves is a tenth of its cost. Only the common case is done
here: any other (a hook, the C-call limit reached, a coroutine not suspended, a generator
frame on either side, a frame that cannot yield) goes to ``native_switch`` unchanged, which
also gives every refusal and error.
"""

from __future__ import annotations

from vm.runtime.coroutine import (
    NATIVE,
    NATIVE_ROOM,
    SWITCH_RESUME,
    SWITCH_YIELD,
    TFOR_LEVEL,
    Coroutine,
    native_switch,
)
from vm.runtime.frame import CONT_CALL, CONT_TFORLOOP, CONT_THREAD_END, NEW, Frame


def switch(L, fn, args: list, a: int, nres: int, cont: int) -> bool:
    """native_switch(L, f, fn, args, a, nres, cont) for a Builtin whose ``switch`` is set:
    True when another thread runs now (False: the call goes the generator way)."""
    kind = fn.switch
    cur = L.current
    if cur.hook is not None:
        return False
    if kind is SWITCH_YIELD:
        resumer = cur.resumer_frame
        if resumer is None or cur is L.main or resumer.gen is not NATIVE:
            return native_switch(L, None, fn, args, a, nres, cont)
        frames = L.frames
        for frame in frames:
            if frame.boundary:
                return False  # the generator path raises "attempt to yield across ..."
        if L.ccalls >= NATIVE_ROOM:
            return False  # the generator path handles the C-call limit, as 5.1 does
        ccalls = L.ccalls + 1  # enter_c for the yield's frame
        # the yield's frame, as coroutine._library_frame makes it: it stays while suspended
        y = NEW(Frame)
        y.cl = None
        y.R = None
        y.pc = 0
        y.varargs = args
        y.top = 0
        y.ret_a = a
        y.nresults = nres
        y.cont = cont
        y.gen = NATIVE
        y.builtin = fn
        y.tailcalls = 0
        y.boundary = True
        y.open_upvals = None
        frames.append(y)
        cur.status = b"suspended"
        # L.switch_to(resumer's thread)
        cur.ccalls = ccalls
        back = cur.resumer
        L.current = back
        L.frames = frames = back.frames
        L.ccalls = back.ccalls - 1  # answer_resumer: the resume's frame is popped
        back.status = b"running"
        # answer_resumer: the resume (or wrap function) returns the yielded values
        if resumer.builtin.switch is SWITCH_RESUME:
            args = [True, *args]
        frames.pop()
        L.deliver(frames[-1], args, resumer.ret_a, resumer.nresults, resumer.cont)
        return True
    if kind is SWITCH_RESUME:
        co = args[0] if args else None
        if co.__class__ is not Coroutine:
            return False
        values = args[1:]
    else:
        co = kind
        values = args
    extra = TFOR_LEVEL if cont == CONT_TFORLOOP else 0  # a generic for's call: coroutine.py
    if co is cur or co.status != b"suspended" or L.ccalls + extra >= NATIVE_ROOM:
        return False
    ccalls = L.ccalls + 1  # enter_c for the resume's frame
    cframes = co.frames
    top = cframes[-1] if cframes else None
    if top is not None and top.gen is not NATIVE:
        return native_switch(L, None, fn, args, a, nres, cont)
    # the resume's frame on the resumer's stack while the coroutine runs
    r = NEW(Frame)
    r.cl = None
    r.R = None
    r.pc = 0
    r.varargs = args
    r.top = 0
    r.ret_a = a
    r.nresults = nres
    r.cont = cont
    r.gen = NATIVE
    r.builtin = fn
    r.tailcalls = 0
    r.boundary = True
    r.open_upvals = None
    L.frames.append(r)
    co.resumer = cur
    co.resumer_frame = r
    # L.switch_to(co), the coroutine continuing the resumer's count with the resume's frame
    # counted (lua_resume's ++nCcalls; see LuaState.resume_thread)
    cur.ccalls = ccalls
    L.current = co
    L.frames = cframes
    co.status = b"running"
    cur.status = b"normal"
    L.ccalls = ccalls + extra
    if top is None:
        L.push_lua(co.fn, values, 0, -1, CONT_THREAD_END)
        return True
    # resume_pending: the yield returns the resume's values; popping its frame leaves the count
    co.body = None
    cframes.pop()
    caller = cframes[-1]
    if top.cont == CONT_CALL and top.nresults >= 0 and caller.gen is None:
        # deliver's common case: the yield's results to the coroutine's Lua frame
        R = caller.R
        ra = top.ret_a
        n = top.nresults
        if n == 1:
            R[ra] = values[0] if values else None
        else:
            for i in range(n):
                R[ra + i] = values[i] if i < len(values) else None
        return True
    L.deliver(caller, values, top.ret_a, top.nresults, top.cont)
    return True
