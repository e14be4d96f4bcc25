"""Coroutines: each is a frame list of its own; resuming one makes its list the VM's frames.

Two ways to switch, with the same semantics:

- native (``native_switch``): a Lua frame calls ``coroutine.resume``, ``coroutine.yield`` or a
  ``coroutine.wrap`` function (their Builtins carry ``switch``). The library function gets its
  frame as in 5.1 (resume's on the resumer's stack while the coroutine runs, yield's on the
  coroutine's while it is suspended: tracebacks show them), but no generator: switching swaps
  the frame lists, and the other side's frame returns its values at once.
- by generator (every other case: a hook, a library function resuming, a refusal, an error to
  report): the library function yields the RESUME or YIELD marker instead of a function to call,
  and the state swaps the running thread (LuaState.resume_thread, yield_thread).

Either side may meet the other: a coroutine suspended natively can be resumed by the generator
path and the reverse (``resume_pending``, ``answer_resumer``). The compiled tier adds a third
way with the same frames (vm/runtime/compiled/cobody.py): a body whose yields are direct runs as
a Python generator, resumed from translated code by ``send``.
"""

from __future__ import annotations

from vm.runtime import track
from vm.runtime.frame import CONT_CALL, CONT_TFORLOOP, CONT_THREAD_END, NEW, Frame
from vm.runtime.marker import Marker


class Coroutine:
    """A Lua thread: its body, its frames, its status, and who resumed it."""

    __slots__ = ("fn", "frames", "status", "resumer", "resumer_frame", "ccalls", "globals",
                 "handle", "hook", "hookfn", "error_stack",
                 "body", "body_p", "body_free", "rframe", "yframe")

    def __init__(self, fn: object, globals: object = None) -> None:
        self.fn = fn
        self.globals = globals  # the thread's global table (setfenv(0, t) changes it)
        self.frames: list = []
        self.status = b"suspended"  # suspended | running | normal | dead
        self.resumer: Coroutine | None = None
        self.resumer_frame = None
        self.ccalls = 0
        self.handle = None
        self.hook = None  # debug.sethook's Hook for this thread (vm/runtime/hooks.py)
        self.hookfn = None  # the function sethook was given, even with no events
        self.error_stack: tuple | None = None  # (frames, inline C function) it died with
        # its body's translated code suspended at a yield as a Python generator, and its
        # prototype (vm/runtime/compiled/cobody.py): good only while that yield's frame
        # (yframe) is its top one; whatever else resumes it, or puts its frames back (the
        # debugger going back in time), drops it
        self.body = None
        self.body_p = None
        self.body_free = False  # made counting no budget (cobody.py)
        self.rframe = None  # the frame of a resume of it (native_frame, reused)
        self.yframe = None  # ... and of its yields
        if track.hook is not None:
            track.hook(self)



RESUME = Marker("resume")  # yield (RESUME, [co, *args]) from a library generator
YIELD = Marker("yield")  # yield (YIELD, values)


SWITCH_RESUME = Marker("coroutine.resume")  # Builtin.switch of coroutine.resume
SWITCH_YIELD = Marker("coroutine.yield")  # ... of coroutine.yield; a wrap function's is its thread
LUAI_MAXCCALLS = 200  # as vm/runtime/state.py
C_BASE = 2  # as vm/runtime/state.py: 5.1's nCcalls is ccalls + 2
# the native paths count their library frame as the generator path does; where that count
# reaches the limit they leave the call to the generator path, which handles it as 5.1 does
NATIVE_ROOM = LUAI_MAXCCALLS - C_BASE - 1
# A resume or wrap function called by a generic for (OP_TFORLOOP) is one C level deeper than
# one called by OP_CALL: 5.1's TFORLOOP calls its iterator through luaD_call (++nCcalls), then
# lua_resume counts its own. The coroutine runs at the resumer's count plus this one more
# (every resume path adds it: native_switch, _switch, compiled/cobody.py,
# LuaState.resume_thread), so wraps nested through for loops overflow at 5.1's depth (~100).
TFOR_LEVEL = 1


class _NativeCall:
    """The ``gen`` of a switching library function's frame (resume, yield, wrap): to the rest of
    the VM it is a library function's frame like any other, one that has finished running (an
    error thrown into it passes straight through, as through a finished generator); only
    answer_resumer and resume_pending end it, by delivering its results."""

    __slots__ = ()

    def send(self, value: object) -> object:
        raise RuntimeError("a native coroutine switch's frame was resumed as a generator")

    def throw(self, error: BaseException) -> object:
        raise error

    def __repr__(self) -> str:
        return "<native switch>"


NATIVE = _NativeCall()


def _library_frame(fn, args: list, a: int, nres: int, cont: int):
    """The frame of switching library function fn called from Lua (as push_gen makes it)."""
    f = NEW(Frame)  # Frame(None, None, args, a, nres, cont) with the fields below
    f.cl = None
    f.R = None
    f.pc = 0
    f.varargs = args  # the function's arguments
    f.top = 0
    f.ret_a = a
    f.nresults = nres
    f.cont = cont
    f.gen = NATIVE
    f.builtin = fn
    f.tailcalls = 0
    f.boundary = True
    f.open_upvals = None
    return f


def native_frame() -> Frame:
    """A switching library function's frame (as _library_frame makes it), its call's fields
    (varargs, ret_a, nresults, cont, builtin) to be set. Each thread has two, reused
    (``rframe``, ``yframe``): a thread is resumed once at a time, and is suspended only with its
    resume's frame popped and its yield's on top; nothing keeps a popped one (an error's
    traceback names the frames of a thread that is dead, never resumed again)."""
    y = NEW(Frame)
    y.cl = None
    y.R = None
    y.pc = 0
    y.top = 0
    y.gen = NATIVE
    y.tailcalls = 0
    y.boundary = True
    y.open_upvals = None
    return y


def native_switch(L, f, fn, args: list, a: int, nres: int, cont: int) -> bool:
    """A call of a switching library function from Lua frame f (CALL or TFORLOOP, results to
    R[a...] as nres and cont say): switch threads now and return True, or return False and
    leave the call to the generator path (which also gives every refusal and error).

    The common cases are done here with the helpers' work in place (``_library_frame``,
    ``enter_c``, ``switch_to``, ``resume_pending``, ``answer_resumer``): a switch is the hot
    path of a pipeline of coroutines, and each Python call it saves is a tenth of its cost.
    Any other (a coroutine not suspended, the C-call limit, a generator frame on either side,
    a frame that cannot yield) goes to ``_switch``, which does it by the helpers."""
    kind = fn.switch
    cur = L.current
    if cur.hook is not None:
        return False
    if kind is SWITCH_YIELD:
        resumer = cur.resumer_frame
        if resumer is None or cur is L.main or resumer.gen is not NATIVE:
            return _switch(L, fn, args, a, nres, cont)
        frames = L.frames
        for frame in frames:
            if frame.boundary:
                return False  # the generator path raises "attempt to yield across ..."
        if L.ccalls >= NATIVE_ROOM:
            return False  # the generator path handles the C-call limit, as 5.1 does
        ccalls = L.ccalls + 1  # enter_c for the yield's frame
        # the yield's frame (the thread's own, see native_frame): it stays while suspended
        y = cur.yframe
        if y is None:
            y = cur.yframe = native_frame()
        y.varargs = args
        y.ret_a = a
        y.nresults = nres
        y.cont = cont
        y.builtin = fn
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
        return _switch(L, fn, args, a, nres, cont)
    # the resume's frame on the resumer's stack while the coroutine runs (its own, reused)
    r = co.rframe
    if r is None:
        r = co.rframe = native_frame()
    r.varargs = args
    r.ret_a = a
    r.nresults = nres
    r.cont = cont
    r.builtin = fn
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


def _switch(L, fn, args: list, a: int, nres: int, cont: int) -> bool:
    """native_switch's every case, by the helpers."""
    if L.current.hook is not None:
        return False
    kind = fn.switch
    if kind is SWITCH_YIELD:
        return _yield(L, fn, args, a, nres, cont)
    if kind is SWITCH_RESUME:
        co = args[0] if args else None
        if co.__class__ is not Coroutine:
            return False
        values = args[1:]
    else:
        co = kind
        values = args
    extra = TFOR_LEVEL if cont == CONT_TFORLOOP else 0
    if co is L.current or co.status != b"suspended" or L.ccalls + extra >= NATIVE_ROOM:
        return False
    resumer = _library_frame(fn, args, a, nres, cont)
    L.enter_c()
    L.frames.append(resumer)
    prev = L.current
    co.resumer = prev
    co.resumer_frame = resumer
    ccalls = L.ccalls  # lua_resume's ++nCcalls: the resumer's count, its frame counted
    L.switch_to(co)
    L.ccalls = ccalls + extra
    prev.status = b"normal"
    if not co.frames:
        L.push_lua(co.fn, values, 0, -1, CONT_THREAD_END)
    else:
        resume_pending(L, co, values)
    return True


def _yield(L, fn, values: list, a: int, nres: int, cont: int) -> bool:
    co = L.current
    if co is L.main or co.resumer_frame is None:
        return False
    frames = co.frames
    for frame in frames:
        if frame.boundary:
            return False  # the generator path raises "attempt to yield across ..."
    if L.ccalls >= NATIVE_ROOM:
        return False
    L.enter_c()
    frames.append(_library_frame(fn, values, a, nres, cont))  # stays while suspended, as in 5.1
    co.status = b"suspended"
    L.switch_to(co.resumer)
    answer_resumer(L, co, [True, *values])
    return True


def resume_pending(L, co: Coroutine, values: list) -> bool:
    """Give a suspended coroutine the values of the resume that wakes it (L.ccalls already the
    resumer's plus one): its yield returns them. Popping the yield's frame leaves that count,
    as lua_resume sets it."""
    frames = co.frames
    top = frames[-1]
    co.body = None  # its body goes on from the frame, not from a suspended generator
    if top.gen is not NATIVE:
        L.ccalls += 1  # resume_gen's pop of the generator's frame takes one off
        return L.resume_gen(top, values, None)
    frames.pop()
    return L.deliver(frames[-1], values, top.ret_a, top.nresults, top.cont)


def answer_resumer(L, co: Coroutine, values: list) -> bool:
    """The coroutine yielded or ended (values: true and its values, or false and the error):
    its resumer's library function returns, generator or native frame alike. A wrap function
    raises the error in its caller, positioned there as luaL_where(1) does."""
    resumer = co.resumer_frame
    if resumer.gen is not NATIVE:
        return L.resume_gen(resumer, values, None)
    frames = L.frames
    if resumer.builtin.switch is SWITCH_RESUME:
        results = values
    elif values[0] is False:
        raise _wrap_error(L, frames, resumer, values[1] if len(values) > 1 else None)
    else:
        results = values[1:]
    frames.pop()
    L.ccalls -= 1
    return L.deliver(frames[-1], results, resumer.ret_a, resumer.nresults, resumer.cont)


def _wrap_error(L, frames: list, resumer, err: object):
    """The error a wrap function raises for its dead coroutine (auxwrap), with the wrap
    function's frame still on the stack, as the generator path raises it."""
    from vm.errors import LuaError
    from vm.runtime.numbers import number_to_bytes

    if err.__class__ is float:
        err = number_to_bytes(err)  # type: ignore[arg-type]
    if err.__class__ is bytes:
        e = LuaError(err, positioned=False)
        L.position(e, frames[-2])  # luaL_where(1): the function that called the wrap function
    else:
        e = LuaError(err)
    e.raised_by = resumer
    return e
