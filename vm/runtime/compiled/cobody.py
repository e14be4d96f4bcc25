"""A coroutine's body run as a Python generator: its direct yields are Python ``yield``s and a
resume from translated code is ``send``, so a producer/consumer pair switches without leaving
and re-entering the body's translated code at every value.

The body's prototype gets a second translation (``BodyEmitter``: the same code, with one more
case first at every CALL: the function is coroutine.yield called from the body's own frame, the
only frame of its thread). Such a yield puts the frame in order as any call does (registers
written back, ``f.pc`` after the CALL, ``L.budget``), then yields (yield function, arguments,
A, wanted results) to ``resume_body``, which does what coroutine.yield does natively
(coroutine.native_switch: the yield's frame pushed, the threads swapped, the resume's frame
popped) and
returns the values to its caller. The next resume from translated code sends the resume's
values (and the calls its Python nesting may still make) in, and the body goes on after its
CALL as after any call.

The generator is only a shortcut: at every yield the coroutine's frames are exactly those of
the native switch, so any other resume (the interpreter, a library function, a hook) and the
debugger going back in time (marks.py puts the frames back) drop it (``Coroutine.body``,
good only while its yield's frame is the thread's top one) and the body goes on from its
frame as before. Anything the generator
does not take (a yield from a nested call, through pcall, at the C-call limit, under a hook)
goes by the native switch; the body's translated code then hands its frame to the dispatcher
(``SUSPEND``), as any translated code does.
"""

from __future__ import annotations

from vm.runtime.compiled import FREE, REFUSED, SUSPEND
from vm.runtime.compiled.emit import Emitter
from vm.runtime.coroutine import (
    NATIVE,
    NATIVE_ROOM,
    SWITCH_RESUME,
    SWITCH_YIELD,
    TFOR_LEVEL,
    Coroutine,
    native_frame,
)
from vm.runtime.frame import CONT_CALL, CONT_TFORLOOP, CONT_THREAD_END, Frame
from vm.runtime.marker import Marker

CO_GENERATOR = 0x20  # inspect.CO_GENERATOR, without importing inspect

OTHER = Marker("other")  # resume_body did nothing: the call goes the native switch's way
IN_FRAME = Marker("in frame")  # the call's results are in the caller's frame (support.delivered)
BODY = "body"  # Prototype.variants' key of the generator translation (cleared with the others)
BODY_FREE = "body free"  # ... of the one counting no budget (a plain run: compiled.FREE)


class BodyEmitter(Emitter):
    """A prototype's translation as a generator function for a coroutine's body."""

    def call_first(self, a: int, b: int, want: int) -> bool:
        """coroutine.yield called by the body's frame, the only one of its thread, the
        C-call count below the native switch's room and no hook: a Python yield."""
        s = self.src
        s.add("if fn.__class__ is Builtin and fn.switch is SWITCH_YIELD and len(frames) == 1 "
              "and L.ccalls < NATIVE_ROOM and L.current.hook is None:")
        s.add(f"    depth, res = yield fn, {self.argvalues(a, b)}, {a}, {want}")
        return True

    def function(self) -> str:
        """The function, its handler letting a dropped generator's GeneratorExit through
        untouched (its frame went on without it)."""
        super().function()
        lines = self.src.lines
        i = lines.index((1, "except BaseException as e:", -1, False))
        lines[i:i] = [(1, "except GeneratorExit:", -1, False), (2, "raise", -1, False)]
        return self.src.text()


_NAMES = {"SWITCH_YIELD": SWITCH_YIELD, "NATIVE_ROOM": NATIVE_ROOM}
_MISSING = object()


def body_run(p, free: bool) -> tuple | None:
    """p's translation as a coroutine body's generator function (counting no budget: free,
    as translate.py's free translation) and its blocks' costs by pc, or None."""
    key = BODY_FREE if free else BODY
    made = p.variants.get(key, _MISSING)
    if made is _MISSING:
        from vm.runtime.compiled.translate import _translate

        made = _translate(p, frozenset(), BodyEmitter, _NAMES, free)
        if made is not None:
            made = made[:2]
            if not made[0].__code__.co_flags & CO_GENERATOR:
                made = None  # no CALL: it never yields
        p.variants[key] = made
    return made


def resume_body(L, f: Frame, fn, args: list, a: int, nres: int, cont: int,
                depth: int) -> object:
    """A resume (coroutine.resume or a wrap function) called by translated frame f, as
    support.call_other's contract says: the call's results (the value itself when one is
    wanted), IN_FRAME when the coroutine ended and they were delivered into f, SUSPEND, or
    OTHER when the coroutine's body cannot run as a generator from here (nothing done: the
    native switch takes the call). The library functions' frames are the coroutine's own two,
    reused: a coroutine is resumed once at a time, and suspended only with both popped but
    the yield's."""
    kind = fn.switch
    if kind is SWITCH_RESUME:
        co = args[0] if args else None
        if co.__class__ is not Coroutine:
            return OTHER
        values = args[1:]
    elif kind is SWITCH_YIELD:
        return OTHER
    else:
        co = kind
        values = args
    cur = L.current
    extra = TFOR_LEVEL if cont == CONT_TFORLOOP else 0  # a generic for's call: coroutine.py
    if (co.status != b"suspended" or L.ccalls + extra >= NATIVE_ROOM or depth < 2
            or cur.hook is not None or co.hook is not None or not L.compiled):
        return OTHER
    cframes = co.frames
    free = L.budget >= FREE  # no hook here: the translation counting no budget
    gen = co.body
    if gen is not None and (cframes[-1] is not co.yframe or len(cframes) != 2
                            or co.body_p.traps or co.body_free != free):
        co.body = gen = None
    started = gen is None
    if started:
        # a body to start as a generator: the thread's first call, or a frame suspended at a
        # yield the native switch made
        if cframes:
            if len(cframes) != 2:
                return OTHER
            g, y = cframes
            if y.gen is not NATIVE or g.cl is None or g.gen is not None:
                return OTHER
            p = g.cl.p
            if (p.run is None and p.run_free is None) or L.bailed is g or g in L.waiting:
                return OTHER
        else:
            p = co.fn.p
            if p.run is None and p.run_free is None and p.hot > 0:
                return OTHER  # not hot yet
        if p.traps:
            return OTHER
        made = body_run(p, free)
        if made is None:
            return OTHER
        run, entry = made
    # the resume's frame on the resumer's stack while the coroutine runs (as native_switch)
    ccalls = L.ccalls + 1
    r = co.rframe
    if r is None:
        r = co.rframe = native_frame()
    r.varargs = args
    r.ret_a = a
    r.nresults = nres
    r.cont = cont
    r.builtin = fn
    frames = L.frames
    frames.append(r)
    co.resumer = cur
    co.resumer_frame = r
    cur.ccalls = ccalls
    L.current = co
    L.frames = cframes
    co.status = b"running"
    cur.status = b"normal"
    L.ccalls = ccalls + extra
    if not started:
        y = cframes.pop()  # the yield returns the resume's values
        try:
            req = gen.send((depth - 1, (values[0] if values else None) if y.nresults == 1
                            else values))
        except StopIteration as stop:
            co.body = None
            return _ended(L, f, frames, stop.value)
        except BaseException:
            co.body = None  # the body failed (or a Python error): the generator is done
            raise
    else:
        if cframes:
            y = cframes.pop()
            g = cframes[-1]
            L.deliver(g, values, y.ret_a, y.nresults, y.cont)
        else:
            g = L.push_lua(co.fn, values, 0, -1, CONT_THREAD_END)
        cost = entry[g.pc]
        if not cost or L.budget < cost:
            return SUSPEND  # the dispatcher goes on with the coroutine
        gen = run(L, g, g.pc, depth - 1)
        try:
            req = gen.send(None)
        except StopIteration as stop:
            return _ended(L, f, frames, stop.value)
    # the body yielded: coroutine.yield's frame stays on its stack while it is suspended
    yfn, yargs, ya, ywant = req
    y = co.yframe
    if y is None:
        y = co.yframe = native_frame()
    y.varargs = yargs
    y.ret_a = ya
    y.nresults = ywant
    y.cont = CONT_CALL
    y.builtin = yfn
    cframes.append(y)
    if started:
        co.body = gen
        co.body_p = p
        co.body_free = free
    co.status = b"suspended"
    co.ccalls = L.ccalls + 1
    L.current = cur  # co.resumer
    L.frames = frames
    L.ccalls = ccalls - 1  # the resumer's count (cur.ccalls) less the resume's popped frame
    cur.status = b"running"
    frames.pop()
    if kind is SWITCH_RESUME:
        if nres == 1:
            return True
        return [True, *yargs]
    if nres == 1:
        return yargs[0] if yargs else None
    return yargs


def _ended(L, f: Frame, frames: list, res: object) -> object:
    """The body's generator finished: handed its frame to the dispatcher (SUSPEND, REFUSED),
    or the body returned (its frame popped): the coroutine is dead and its resumer gets the
    results, as when the dispatcher sees it return (IN_FRAME: they are in f now)."""
    if res is SUSPEND or res is REFUSED:
        return SUSPEND
    L.deliver(None, res, 0, -1, CONT_THREAD_END)  # type: ignore[arg-type]
    if L.frames is not frames or frames[-1] is not f or L.current.hook is not None:
        return SUSPEND
    return IN_FRAME
