"""What translated code calls at run time: the interpreter's slow paths, calls it does not make
itself, and the exception handler that leaves the frame exactly as the interpreter would.

Every slow path here is the interpreter's own function (vm/runtime/interp.py); the only thing
added is ``Bail``: where the interpreter would start a metamethod frame in the middle of an
instruction, translated code stops before that instruction instead, and the interpreter runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

from vm.errors import LuaError
from vm.runtime import function, interp, track
from vm.runtime.compiled import FREE, LUAI_MAXCALLS, REFUSED, RESUMED, SUSPEND
from vm.runtime.compiled.cobody import IN_FRAME, OTHER, resume_body
from vm.runtime.coroutine import SWITCH_YIELD, native_switch
from vm.runtime.frame import (
    CONT_CALL,
    CONT_DISCARD,
    CONT_STORE,
    CONT_TEST,
    CONT_TEST_NOT,
    CONT_TFORLOOP,
    NEW,
    Frame,
)
from vm.runtime.function import Builtin, LuaFunction, UpvalCell
from vm.runtime.interp import MetaCall, setlist
from vm.runtime.limits import LARGE
from vm.runtime.numbers import arith_div, arith_mod, arith_pow, number_to_bytes
from vm.runtime.table import LuaTable

CALL_OPS = frozenset({28, 29, 33})  # CALL, TAILCALL, TFORLOOP: the frame is in order before them
EQ, LT = 23, 24


class Bail(Exception):
    """Raised by a slow path: the instruction needs the interpreter (a metamethod frame)."""


class BudgetOut(Exception):
    """Raised at a block start: the budget ends inside the block."""


@dataclass(slots=True)
class Meta:
    """A translation's static facts for its exception handler."""

    line_pc: list[int]  # Python line -> pc of the instruction it belongs to (-1: dispatch)
    synced: frozenset[int]  # lines of calls made with the frame already in order
    dirty: dict[int, frozenset[int]]  # pc -> registers to write back before it
    partial: dict[int, frozenset[int]]  # pc -> registers it writes before it can fail
    rest: list[int]
    unit: list[int]
    ops: list[int]
    nk: int
    pos: dict[int, int]  # register -> its index in the handler's tuple of locals


def _write(R: list, meta: Meta, regs, vals: tuple) -> None:
    nk = meta.nk
    pos = meta.pos
    for r in regs:
        R[nk + r] = vals[pos[r]]


def on_exception(L, f: Frame | None, e: BaseException, pc_local: int, budget: int, vals: tuple,
                 meta: Meta) -> bool:
    """Leave the frame as the interpreter would at this point. True: the translated code hands
    over (a budget end or a bail, the instruction at f.pc not run); False: an error, re-raised."""
    if f is None:
        return False
    tb = e.__traceback__
    line = tb.tb_lineno if tb is not None else 0
    pc = meta.line_pc[line] if 0 <= line < len(meta.line_pc) else -1
    if line in meta.synced:
        return False  # from a slow path's call: the frame was put in order before it
    R = f.R
    cls = e.__class__
    if pc < 0:  # between blocks: about to start the block at pc_local
        _write(R, meta, meta.dirty.get(pc_local, ()), vals)
        f.pc = pc_local
        L.budget = budget
        return False
    if cls is BudgetOut:
        _write(R, meta, meta.dirty[pc], vals)
        f.pc = pc
        L.budget = budget
        return True
    if cls is Bail:
        _write(R, meta, meta.dirty[pc], vals)
        f.pc = pc
        L.bailed = f
        L.budget = budget + meta.rest[pc]
        return True
    if meta.ops[pc] in CALL_OPS:
        return False  # registers, pc and budget were put in order before the call
    _write(R, meta, meta.dirty[pc] | meta.partial.get(pc, frozenset()), vals)
    f.pc = pc + 1
    L.budget = budget + meta.rest[pc] - meta.unit[pc]
    return False


# --- slow paths -------------------------------------------------------------------------------
#
# Called with the frame in order (registers written back, L.budget as if the instruction were
# the last of its block): a metamethod written in Lua runs as a nested translated call when
# there is room, else as a frame of the VM (SUSPEND: the dispatcher goes on with it).


def meta_call(L, f: Frame, h: object, args: list, a: int, cont: int, depth: int) -> object:
    """Call metamethod h for the instruction whose frame is f, with the continuation the
    interpreter would give it (CONT_STORE, CONT_DISCARD, CONT_TEST...): its first result, or
    SUSPEND when it runs as a frame (or already moved f on, as a comparison's does)."""
    nres = 0 if cont == CONT_DISCARD else 1
    if h.__class__ is LuaFunction and depth:
        p = h.p
        enter = p.enter_free if L.budget >= FREE and L.current.hook is None else p.enter
        r = enter(L, None, 0, depth - 1, h, a, nres, cont, *args)
        if r is SUSPEND:
            return r
        L.ccalls -= 1  # its frame was a C-level call (boundary), as in the interpreter
        return r
    frames = L.frames
    if L.call_with(f, h, args, a, nres, cont) or L.frames is not frames or frames[-1] is not f:
        return SUSPEND
    if cont == CONT_STORE:
        return f.R[a]
    if cont == CONT_DISCARD:
        return None
    return SUSPEND  # a comparison: the continuation has moved f.pc to the branch taken


def index_meta(L, f: Frame, t: object, key: object, reg: int, pc1: int, a: int,
               depth: int) -> object:
    """GETTABLE/GETGLOBAL/SELF past a raw miss: __index tables, or an __index function."""
    f.pc = pc1
    v = interp.index(L, f, t, key, reg)
    if v.__class__ is MetaCall:
        return meta_call(L, f, v.fn, v.args, a, CONT_STORE, depth)
    return v


def newindex_meta(L, f: Frame, t: object, key: object, value: object, reg: int, pc1: int, a: int,
                  depth: int) -> object:
    """SETTABLE/SETGLOBAL past the raw case: __newindex tables, or a __newindex function."""
    f.pc = pc1
    mc = interp.setindex(L, f, t, key, value, reg)
    if mc is not None:
        return meta_call(L, f, mc.fn, mc.args, a, CONT_DISCARD, depth)
    return None


def arith_meta(L, f: Frame, op: int, x: object, y: object, rb: int, rc: int, pc1: int, a: int,
               depth: int) -> object:
    f.pc = pc1
    v = interp.arith_values(L, f, op, x, y, rb, rc)
    if v.__class__ is MetaCall:
        return meta_call(L, f, v.fn, v.args, a, CONT_STORE, depth)
    return v


def len_meta(L, f: Frame, v: object, reg: int, pc1: int, a: int, depth: int) -> object:
    f.pc = pc1
    r = interp.length(L, f, v, reg)
    if r.__class__ is MetaCall:
        return meta_call(L, f, r.fn, r.args, a, CONT_STORE, depth)
    return r


def compare_meta(L, f: Frame, op: int, x: object, y: object, pc1: int, flag: int,
                 depth: int) -> object:
    """EQ/LT/LE on anything but two numbers: the truth, or SUSPEND."""
    f.pc = pc1
    negate = False
    if op == EQ:
        r = interp.equal(L, x, y)
    elif op == LT:
        r = interp.less(L, f, x, y)
    else:
        r, negate = interp.less_equal(L, f, x, y)
    if r.__class__ is not MetaCall:
        return r
    cont = CONT_TEST_NOT if negate else CONT_TEST
    v = meta_call(L, f, r.fn, r.args, flag, cont, depth)
    if v is SUSPEND:
        return v
    truth = not (v is None or v is False)
    return not truth if negate else truth


def deoptimize(L, f: Frame, pc: int, a: int, v: object) -> object:
    """A metamethod gave an instruction whose result the translation takes for a number some
    other value (or the frame was edited meanwhile): store it, hand the frame to the
    dispatcher, and have the prototype translated again without that assumption."""
    f.R[a] = v
    if v.__class__ is not float:
        p = f.cl.p
        p.generic = p.generic | {pc} if p.retranslations < 2 else ALL_SITES
        p.retranslations += 1
        p.variants.clear()  # translated with the old assumptions
        p.run = p.run_free = None
        p.enter = cold_enter
        p.enter_free = cold_enter_free
        p.hot = 0
    return SUSPEND


def stored(f: Frame, a: int, v: object) -> object:
    """The frame was edited (debug.setlocal, the collector) while a metamethod ran: the
    instruction's result goes to the frame, and the dispatcher resumes it."""
    f.R[a] = v
    return SUSPEND


def decided(f: Frame, truth: bool, flag: int, jump: int, skip: int) -> object:
    """As stored, for a comparison: the frame goes on at the branch its answer takes."""
    f.pc = jump if truth == bool(flag) else skip
    return SUSPEND


class _AllSites(frozenset):
    """Every arithmetic site is generic (a prototype deoptimized too often)."""

    def __contains__(self, pc: object) -> bool:
        return True

    def __or__(self, other: object) -> _AllSites:
        return self


ALL_SITES = _AllSites()


def forprep_slow(L, f: Frame, x: object, y: object, z: object, pc1: int) -> tuple:
    f.pc = pc1
    a, b, c = interp.tonumber(x), interp.tonumber(y), interp.tonumber(z)
    if a is None or b is None or c is None:
        interp.forprep_error(L, f, [x, y, z], 0)
    return a, b, c


def forloop_slow(f: Frame, x: object, y: object, z: object, pc1: int) -> None:
    """A FORLOOP whose control values are not all numbers (a crafted chunk, debug.setlocal):
    the interpreter's error."""
    f.pc = pc1
    interp.forloop_error([x, y, z], 0)


def concat_fast(values: tuple) -> bytes | None:
    """luaV_concat when every operand is a string or a number (one join, as the interpreter
    does it); None otherwise, or when the result would be large (the interpreter checks the
    limits before it builds that: vm/runtime/limits.py)."""
    parts = []
    for v in values:
        cls = v.__class__
        if cls is bytes:
            parts.append(v)
        elif cls is float:
            parts.append(number_to_bytes(v))
        else:
            return None
    if sum(map(len, parts)) >= LARGE:
        return None
    return b"".join(parts)


def put_multi(f: Frame, R: list, start: int, values: list) -> None:
    """A variable number of values to R[start...], the frame's top after them (CALL with C 0,
    VARARG with B 0)."""
    end = start + len(values)
    if end > len(R):
        R.extend([None] * (end - len(R)))
    R[start:end] = values
    f.top = end


def arg_table(R: list, idx: int, va: list) -> None:
    """5.1's compatibility 'arg' table of a vararg function that uses it (as push_lua)."""
    t = LuaTable(len(va), 1)
    for i, v in enumerate(va, 1):
        t.set_int(i, v)
    t.set_str(b"n", float(len(va)))
    R[idx] = t


# --- calls ------------------------------------------------------------------------------------


def call_other(L, f: Frame, fn: object, args: list, a: int, nres: int, cont: int, fpos: int,
               depth: int, tail: bool = False) -> object:
    """A call the translated code does not make itself (a Lua function too deep in Python
    calls, a library generator, a thread switch, a __call): as the interpreter makes it. When
    that leaves other frames to run (another thread's, after a switch; a callee's), they run
    nested here as the dispatcher would, until f is on top again with its call's results. The
    results, delivered into f.R (the value itself when one is wanted; RESUMED for TFORLOOP:
    f.pc is where the loop goes on; RESUMED for a tail call that came back through frames:
    the RETURN after it runs), or SUSPEND: the dispatcher goes on, as soon as something needs
    it (a frame that is not translated or not at an entry, a hook, the budget, no room for
    nesting, or a frame whose own activation waits further up Python's stack: only that
    activation may go on with it)."""
    cls = fn.__class__
    if cls is LuaFunction:
        L.push_lua(fn, args, a, nres, cont)
        return SUSPEND
    frames = L.frames
    if cls is Builtin and fn.switch is not None \
            and native_switch(L, f, fn, args, a, nres, cont):  # another thread runs now
        if fn.switch is SWITCH_YIELD:
            return SUSPEND  # this thread waits for a resume: its activations all give way
    elif not (L.call_with(f, fn, args, a, nres, cont, fpos) or L.frames is not frames
              or frames[-1] is not f):
        return delivered(f, a, nres, cont)
    # run the frames on top, each by its translated code, delivering its results when it returns
    waiting = L.waiting
    waiting.add(f)
    try:
        while True:
            cur = L.frames
            if cur is frames and cur[-1] is f:
                if L.current.hook is not None:
                    # the call set a hook (debug.sethook): the results are in the frame, and
                    # the interpreter goes on with it at the hooked pace, as run() does
                    return SUSPEND
                break
            if depth <= 0 or not cur or L.budget <= 0 or L.current.hook is not None:
                return SUSPEND
            g = cur[-1]
            cl = g.cl
            if g in waiting or cl is None:
                return SUSPEND
            p = cl.p
            run_ = p.run_free if L.budget >= FREE else p.run
            if run_ is None or L.bailed is g or not L.compiled:
                return SUSPEND
            cost = p.entry[g.pc]
            if not cost or L.budget < cost:
                return SUSPEND
            left = LUAI_MAXCALLS - len(cur)
            res = run_(L, g, g.pc, depth - 1 if depth - 1 < left else left)
            if res is SUSPEND:
                continue
            if res is REFUSED:
                return SUSPEND
            if g.boundary:
                L.ccalls -= 1
            if g.nresults == 1:
                res = [res]  # one result travels bare
            L.deliver(cur[-1] if cur else None, res, g.ret_a, g.nresults, g.cont)
    finally:
        waiting.discard(f)
    if tail:
        # the interpreter finishes such a TAILCALL with the RETURN after it, as an instruction
        return RESUMED
    return delivered(f, a, nres, cont)


def delivered(f: Frame, a: int, nres: int, cont: int) -> object:
    """A call's results, once its continuation has put them into frame f."""
    if cont == CONT_TFORLOOP:
        return RESUMED
    R = f.R
    if nres < 0:
        return R[a:f.top]
    if nres == 1:
        return R[a]
    return R[a:a + nres]


def open_frame(L, cl: LuaFunction, ret_a: int, nres: int, cont: int, nk: int,
               args: tuple) -> Frame:
    """The frame of a lazy frame's direct call (emit_calls.lazy_prologue), opened on top of
    its caller's as call_prologue opens it: registers as at entry, the continuation and the
    tail calls it replaces (the C level of a metamethod's call was counted at entry)."""
    R = cl.p.template.copy()
    R[nk:nk + len(args)] = args
    f = NEW(Frame)
    f.cl = cl
    f.R = R
    f.pc = 0
    f.varargs = None
    f.top = 0
    f.ret_a = ret_a
    f.nresults = nres
    f.cont = cont
    f.gen = None
    f.builtin = None
    f.tailcalls = 0
    f.open_upvals = None
    f.boundary = False
    if cont > 0:
        f.boundary = True
    elif cont < 0:
        f.cont = 0
        f.tailcalls = -cont
    L.frames.append(f)
    return f


def close_all(cells: dict) -> None:
    """Close every open upvalue cell of a returning frame (L.close_upvalues(f, 0), without
    choosing the levels); UpvalCell.close inline while no journal records."""
    if function.write_barrier is None:
        for cell in cells.values():
            cell.regs = [cell.regs[cell.idx]]
            cell.idx = 0
    else:
        for cell in cells.values():
            cell.close()
    cells.clear()


def tail_frame(L, f: Frame, fn: LuaFunction, args: list) -> Frame:
    """OP_TAILCALL of a Lua function: the callee's frame replaces f (as the interpreter)."""
    if f.open_upvals:
        L.close_upvalues(f, 0)
    L.frames.pop()
    g = L.push_lua(fn, args, f.ret_a, f.nresults, CONT_CALL)
    g.cont = f.cont
    g.boundary = f.boundary
    g.tailcalls = f.tailcalls + 1
    return g


def edited(L, f: Frame, res: list, a: int, nres: int) -> object:
    """A call came back after debug.setlocal changed some frame's registers: deliver the
    results into the frame and let the dispatcher resume it (reloading every register)."""
    L.deliver(f, [res] if nres == 1 else res, a, nres, CONT_CALL)
    return SUSPEND


def edited_tfor(L, f: Frame, res: list, a: int, c: int) -> object:
    L.deliver(f, res, a, -1, CONT_TFORLOOP)
    return SUSPEND


def cold_enter(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0, *args):
    """``enter`` of a prototype not translated (yet): count the call, translate when it is
    hot, else open its frame for the interpreter (SUSPEND: the dispatcher runs it)."""
    return _cold(L, f, depth, cl, ret_a, nres, cont, args, False)


def cold_enter_free(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0, *args):
    """``enter_free`` of a prototype whose budget-free translation is not made (yet)."""
    return _cold(L, f, depth, cl, ret_a, nres, cont, args, True)


def _cold(L, f, depth: int, cl, ret_a: int, nres: int, cont: int, args: tuple,
          free: bool) -> object:
    if f is not None:
        return SUSPEND  # a frame already opened (a tail call): the dispatcher runs it
    p = cl.p
    p.hot -= p.callcost  # compiled.call_cost
    if p.hot <= 0 and L.compiled:
        from vm.runtime.compiled.translate import translate

        run = translate(p, free)
        if run is not None:
            return run(L, None, 0, depth, cl, ret_a, nres, cont, *args)
    if cont < 0:  # a tail call (see emit.py): a plain call's frame, counting the ones replaced
        L.push_lua(cl, list(args), ret_a, nres, CONT_CALL).tailcalls = -cont
    else:
        L.push_lua(cl, list(args), ret_a, nres, cont)
    return SUSPEND


HELPERS = {
    "INTERP": interp,
    "LuaError": LuaError,
    "LuaTable": LuaTable,
    "LuaFunction": LuaFunction,
    "Builtin": Builtin,
    "Frame": Frame,
    "SUSPEND": SUSPEND,
    "RESUMED": RESUMED,
    "REFUSED": REFUSED,
    "Bail": Bail,
    "BudgetOut": BudgetOut,
    "NEW": NEW,
    "CONT_TFORLOOP": CONT_TFORLOOP,
    "floor": floor,
    "arith_div": arith_div,
    "arith_mod": arith_mod,
    "arith_pow": arith_pow,
    "UpvalCell": UpvalCell,
    "TRACK": track,
    "close_all": close_all,
    "open_frame": open_frame,
    "setlist": setlist,
    "on_exception": on_exception,
    "index_meta": index_meta,
    "newindex_meta": newindex_meta,
    "arith_meta": arith_meta,
    "len_meta": len_meta,
    "compare_meta": compare_meta,
    "deoptimize": deoptimize,
    "stored": stored,
    "decided": decided,
    "forprep_slow": forprep_slow,
    "forloop_slow": forloop_slow,
    "concat_fast": concat_fast,
    "LARGE": LARGE,
    "put_multi": put_multi,
    "arg_table": arg_table,
    "call_other": call_other,
    "resume_body": resume_body,
    "OTHER": OTHER,
    "IN_FRAME": IN_FRAME,
    "delivered": delivered,
    "tail_frame": tail_frame,
    "edited": edited,
    "edited_tfor": edited_tfor,
}
