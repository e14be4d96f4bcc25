"""The interpreter loop: Lua 5.1's lvm.c over pre-decoded instructions.

``run(L, stop)`` executes the current thread's frames until fewer than ``stop`` remain. The
frame's registers, code and pc live in Python locals; a call, return or metamethod saves them
and loads the next frame's. Fast paths (numbers, raw table hits) are inline; the rest (string
coercion, metamethods, errors) go to the slow-path functions below, which either compute the
value or answer a ``MetaCall`` that the loop runs as a frame with a continuation.
"""

from __future__ import annotations

from math import floor as _floor

from vm.errors import LuaError
from vm.runtime import errors, hooks
from vm.runtime.compiled import FREE, MAXDEPTH, REFUSED, SUSPEND
from vm.runtime.coroutine import native_switch
from vm.runtime.frame import (
    CONT_CALL,
    CONT_CONCAT,
    CONT_DISCARD,
    CONT_HOOK,
    CONT_STORE,
    CONT_TEST,
    CONT_TEST_NOT,
    CONT_TFORLOOP,
    NEW,
    Frame,
)
from vm.runtime.function import Builtin, LuaFunction, UpvalCell, fb2int
from vm.runtime.limits import LARGE, memory_error, reserve
from vm.runtime.numbers import (
    arith_div,
    arith_mod,
    arith_pow,
    number_to_bytes,
    str_to_number,
)
from vm.runtime.table import MAXBITS, LuaTable, bind_state
from vm.runtime.values import Userdata, type_name

(MOVE, LOADK, LOADBOOL, LOADNIL, GETUPVAL, GETGLOBAL, GETTABLE, SETGLOBAL, SETUPVAL, SETTABLE,
 NEWTABLE, SELF, ADD, SUB, MUL, DIV, MOD, POW, UNM, NOT, LEN, CONCAT, JMP, EQ, LT, LE, TEST,
 TESTSET, CALL, TAILCALL, RETURN, FORLOOP, FORPREP, TFORLOOP, SETLIST, CLOSE, CLOSURE,
 VARARG) = range(38)

LFIELDS_PER_FLUSH = 50
# 5.1 grows its CallInfo array by doubling and fails when it would pass LUAI_MAXCALLS (20000):
# at 16384 call infos, one of which is lua.c's pmain, which has no frame here
LUAI_MAXCALLS = 16383
MAXTAGLOOP = 100  # lvm.c: __index/__newindex chains longer than this are a loop
# the debugger's write barrier (vm/runtime/journal.py), None when nothing records: called with a
# table or an upvalue cell before the fast paths below write into it directly
write_barrier = None

_ARITH_EVENT = {ADD: b"__add", SUB: b"__sub", MUL: b"__mul", DIV: b"__div", MOD: b"__mod",
                POW: b"__pow", UNM: b"__unm"}


class MetaCall:
    """A slow path's answer: call this metamethod with these arguments, as a frame."""

    __slots__ = ("fn", "args")

    def __init__(self, fn: object, args: list) -> None:
        self.fn = fn
        self.args = args


# --- slow paths -------------------------------------------------------------------------------


def tonumber(v: object) -> float | None:
    """luaV_tonumber: a number, or a string that reads as one."""
    if v.__class__ is float:
        return v  # type: ignore[return-value]
    if v.__class__ is bytes:
        return str_to_number(v)  # type: ignore[arg-type]
    return None


def arith_value(op: int, x: float, y: float) -> float:
    """luaO_arith: the operation on two numbers, with C's results for x/0 and friends."""
    if op == ADD:
        return x + y
    if op == SUB:
        return x - y
    if op == MUL:
        return x * y
    if op == DIV:
        return arith_div(x, y)
    if op == MOD:
        return arith_mod(x, y)
    if op == POW:
        return arith_pow(x, y)
    return -x


def arith(L, f: Frame, op: int, rb: int, rc: int) -> object:
    """Arith (lvm.c) on registers (or constants) rb and rc of frame f."""
    R = f.R
    return arith_values(L, f, op, R[rb], R[rc], rb, rc)


def arith_values(L, f: Frame, op: int, b: object, c: object, rb: int, rc: int) -> object:
    """Arith (lvm.c): coerce strings, else the operands' metamethod, else an error naming the
    register (rb or rc) that holds the bad operand."""
    x = tonumber(b)
    y = tonumber(c)
    if x is not None and y is not None:
        return arith_value(op, x, y)
    event = _ARITH_EVENT[op]
    h = L.metamethod(b, event)
    if h is None:
        h = L.metamethod(c, event)
    if h is None:
        if x is not None:
            raise errors.type_error(L, f, c, rc, b"perform arithmetic on")
        raise errors.type_error(L, f, b, rb, b"perform arithmetic on")
    return MetaCall(h, [b, c])


def arith_into(L, f: Frame, op: int, a: int, rb: int, rc: int) -> bool:
    """The slow path of the arithmetic opcodes: R(A) := RK(B) op RK(C) with coercion, or the
    metamethod's call; True when that call is a frame the loop must switch to."""
    v = arith(L, f, op, rb, rc)
    if v.__class__ is MetaCall:
        return L.call_with(f, v.fn, v.args, a, 1, CONT_STORE)
    f.R[a] = v
    return False


def index(L, f: Frame, t: object, key: object, reg: int) -> object:
    """luaV_gettable: raw get, then __index (a table to search, or a function to call)."""
    for _ in range(MAXTAGLOOP):
        if t.__class__ is LuaTable:
            v = t.get(key)  # type: ignore[attr-defined]
            if v is not None:
                return v
            mt = t.metatable  # type: ignore[attr-defined]
            if mt is None:
                return None
            h = mt.hash.get(b"__index")
            if h is None:
                return None
        else:
            h = L.metamethod(t, b"__index")
            if h is None:
                raise errors.type_error(L, f, t, reg, b"index")
        if h.__class__ is LuaFunction or h.__class__ is Builtin:
            return MetaCall(h, [t, key])
        t = h
        reg = -1
    raise LuaError(b"loop in gettable", positioned=False, runtime=True)


def index_into(L, f: Frame, t: object, key: object, reg: int, a: int) -> bool:
    """The slow path of GETTABLE, GETGLOBAL and SELF: R(A) := t[key] through __index; True
    when an __index function became a frame the loop must switch to."""
    v = index(L, f, t, key, reg)
    if v.__class__ is MetaCall:
        return L.call_with(f, v.fn, v.args, a, 1, CONT_STORE)
    f.R[a] = v
    return False


def setindex(L, f: Frame, t: object, key: object, value: object, reg: int) -> MetaCall | None:
    """luaV_settable: raw set when the key is present or there is no __newindex."""
    for _ in range(MAXTAGLOOP):
        if t.__class__ is LuaTable:
            mt = t.metatable  # type: ignore[attr-defined]
            if mt is None or t.get(key) is not None:  # type: ignore[attr-defined]
                t.set(key, value)  # type: ignore[attr-defined]
                return None
            h = mt.hash.get(b"__newindex")
            if h is None:
                t.set(key, value)  # type: ignore[attr-defined]
                return None
            # luaH_set runs before 5.1 looks for the metamethod: the key gets its (nil-valued)
            # node, which can move another key or rehash the table (pairs order), and a nil or
            # NaN key is an error even with a handler
            t.set(key, None)  # type: ignore[attr-defined]
        else:
            h = L.metamethod(t, b"__newindex")
            if h is None:
                raise errors.type_error(L, f, t, reg, b"index")
        if h.__class__ is LuaFunction or h.__class__ is Builtin:
            return MetaCall(h, [t, key, value])
        t = h
        reg = -1
    raise LuaError(b"loop in settable", positioned=False, runtime=True)


def get_comp_handler(L, a: object, b: object, event: bytes) -> object:
    """get_compTM: both operands must have the same handler (5.1's rule for __eq/__lt/__le)."""
    mt1 = L.getmetatable(a)
    if mt1 is None:
        return None
    h1 = mt1.hash.get(event)
    if h1 is None:
        return None
    mt2 = L.getmetatable(b)
    if mt2 is mt1:
        return h1
    if mt2 is None:
        return None
    h2 = mt2.hash.get(event)
    if h2 is None:
        return None
    if h1 is h2 or (h1.__class__ is h2.__class__ and h1.__class__ in (float, bytes) and h1 == h2):
        return h1
    return None


def equal(L, a: object, b: object) -> bool | MetaCall:
    """luaV_equalval for two values that are not the same object (numbers are done inline)."""
    cls = a.__class__
    if cls is not b.__class__:
        return False
    if cls is bytes:
        return a == b
    if cls is LuaTable or cls is Userdata:
        h = get_comp_handler(L, a, b, b"__eq")
        if h is None:
            return False
        return MetaCall(h, [a, b])
    return False


def less(L, f: Frame, a: object, b: object) -> bool | MetaCall:
    """luaV_lessthan."""
    ca = a.__class__
    if ca is b.__class__:
        if ca is float or ca is bytes:
            return a < b  # type: ignore[operator]
        h = get_comp_handler(L, a, b, b"__lt")
        if h is not None:
            return MetaCall(h, [a, b])
    raise errors.order_error(a, b)


def less_equal(L, f: Frame, a: object, b: object) -> tuple[bool | MetaCall, bool]:
    """luaV_lessequal: __le, or not __lt(b, a); the flag says the answer is negated."""
    ca = a.__class__
    if ca is b.__class__:
        if ca is float or ca is bytes:
            return a <= b, False  # type: ignore[operator]
        h = get_comp_handler(L, a, b, b"__le")
        if h is not None:
            return MetaCall(h, [a, b]), False
        h = get_comp_handler(L, b, a, b"__lt")
        if h is not None:
            return MetaCall(h, [b, a]), True
    raise errors.order_error(a, b)


def length(L, f: Frame, v: object, reg: int) -> object:
    """OP_LEN: strings and tables natively (5.1 ignores __len on tables), else __len."""
    if v.__class__ is bytes:
        return float(len(v))  # type: ignore[arg-type]
    if v.__class__ is LuaTable:
        return float(v.length())  # type: ignore[attr-defined]
    h = L.metamethod(v, b"__len")
    if h is None:
        raise errors.type_error(L, f, v, reg, b"get length of")
    return MetaCall(h, [v, None])


def concat(L, f: Frame, a: int, b: int, last: int) -> bool:
    """luaV_concat over R[b..last], right to left, then R[a] := R[b]. Returns True when a
    __concat metamethod frame was pushed (it resumes this through CONT_CONCAT)."""
    R = f.R
    while last > b:
        top = R[last]
        below = R[last - 1]
        if (top.__class__ is bytes or top.__class__ is float) and (
                below.__class__ is bytes or below.__class__ is float):
            # gather every string/number operand downwards and join them at once
            first = last - 1
            while first > b and (R[first - 1].__class__ is bytes or R[first - 1].__class__ is float):
                first -= 1
            parts = [v if v.__class__ is bytes else number_to_bytes(v) for v in R[first:last + 1]]
            size = sum(map(len, parts))
            if size >= LARGE:  # checked before it is built: the limits, 5.1's memory error
                reserve(L, size)
            joined = R[first] = b"".join(parts)
            last = first
            if L.heap.allocated(25 + len(joined)):  # a new string: collect when due
                L.gc_check()
            continue
        h = L.metamethod(below, b"__concat")
        if h is None:
            h = L.metamethod(top, b"__concat")
        if h is None:
            bad = last - 1 if not (below.__class__ is bytes or below.__class__ is float) else last
            raise errors.type_error(L, f, R[bad], bad, b"concatenate")
        return L.call_with(f, h, [below, top], last - 1, 1, CONT_CONCAT)
    R[a] = R[b]
    return False


def find_upval(f: Frame, idx: int) -> UpvalCell:
    """luaF_findupval: the open cell for register idx of frame f, shared by every closure."""
    cells = f.open_upvals
    if cells is None:
        cells = f.open_upvals = {}
    cell = cells.get(idx)
    if cell is None:
        cell = cells[idx] = UpvalCell(f.R, idx)  # type: ignore[arg-type]
    return cell


def setlist(t: LuaTable, start: int, values: list) -> None:
    """OP_SETLIST's store: values to t[start+1 ...], the array part grown to hold them.

    5.1's verifier lets a crafted chunk SETLIST into any register; lvm.c then treats whatever
    is there as a table. Here that is a clean error instead."""
    if t.__class__ is not LuaTable:
        raise LuaError(b"bad code: SETLIST on a " + type_name(t) + b" value", positioned=False,
                       runtime=True)
    n = len(values)
    if write_barrier is not None:
        write_barrier(t)
    arr = t.arr
    if start + n > len(arr) or start < 0:
        if start + n > BIG_SETLIST or start < 0:
            setlist_crafted(t, start, values)
            return
        t.resize_array(start + n)
        arr = t.arr
    arr[start:start + n] = values


BIG_SETLIST = 1 << 22  # past this, a batch number only a crafted count word gives


def setlist_crafted(t: LuaTable, start: int, values: list) -> None:
    """OP_SETLIST with a batch number from a crafted count word: lvm.c reads the word as a C
    int and computes the last index in int arithmetic (wrapping), grows the array part to it
    (out of memory when that is huge), then stores each value at its index counting down
    (negative and zero indices go to the node part)."""

    def wrap(x: int) -> int:
        x &= 0xFFFFFFFF
        return x - (1 << 32) if x >= 1 << 31 else x

    n = len(values)
    c = wrap(start // LFIELDS_PER_FLUSH + 1)
    last = wrap(wrap(c - 1) * LFIELDS_PER_FLUSH + n)
    if last > len(t.arr):
        if 16 * last > MAX_NEW_BYTES:
            raise LuaError(b"not enough memory")
        t.resize_array(last)
    for k in range(n, 0, -1):
        t.set(float(last), values[k - 1])
        last = wrap(last - 1)


BIG_SIZE = 160  # NEWTABLE's B and C up to this encode at most 2^22 (luaO_fb2int): no check
MAX_NEW_BYTES = 1 << 28  # bigger preallocations (5.1's sizes) are "not enough memory" here


def new_table(b: int, c: int) -> LuaTable:
    """OP_NEWTABLE with sizes only a crafted chunk has (luaH_new): 5.1 computes them in a C int
    (so the biggest wrap negative), refuses a negative array size as a block too big and a node
    part of more than 2^MAXBITS as a table overflow, and runs out of memory on the rest."""

    def c_int(x: int) -> int:
        e = (x >> 3) & 31
        v = x if e == 0 else (((x & 7) + 8) << (e - 1)) & 0xFFFFFFFF
        return v - (1 << 32) if v >= 1 << 31 else v

    nb = c_int(b)
    nc = c_int(c)
    if nb < 0:
        raise LuaError(b"memory allocation error: block too big", positioned=False, runtime=True)
    if nc < 0 or (nc - 1).bit_length() > MAXBITS:
        raise LuaError(b"table overflow", positioned=False, runtime=True)
    if 16 * nb + 40 * (1 << (nc - 1).bit_length() if nc else 0) > MAX_NEW_BYTES:
        raise LuaError(b"not enough memory")
    return LuaTable(nb, nc)


def forloop_error(R: list, a: int) -> None:
    """OP_FORLOOP on a control variable that is not a number: only a crafted chunk or
    debug.setlocal gets one there (5.1 reads garbage); a clean error in FORPREP's words."""
    if R[a].__class__ is not float:
        raise LuaError(b"'for' initial value must be a number", positioned=False, runtime=True)
    if R[a + 1].__class__ is not float:
        raise LuaError(b"'for' limit must be a number", positioned=False, runtime=True)
    raise LuaError(b"'for' step must be a number", positioned=False, runtime=True)


def forprep_error(L, f: Frame, R: list, a: int) -> None:
    """OP_FORPREP's checks, in 5.1's order, with its messages."""
    if tonumber(R[a]) is None:
        raise LuaError(b"'for' initial value must be a number", positioned=False, runtime=True)
    if tonumber(R[a + 1]) is None:
        raise LuaError(b"'for' limit must be a number", positioned=False, runtime=True)
    raise LuaError(b"'for' step must be a number", positioned=False, runtime=True)


# --- the loop ---------------------------------------------------------------------------------


def run(L, base: int, home: list | None = None) -> bool:
    """Execute until frames[base] of the thread ``home`` (default: the running one) has
    returned: True. Coroutines run in the same loop: a resume or yield swaps the VM's frame
    list and the loop follows it. Returns False, paused between two instructions, when
    ``L.budget`` instructions have run; calling again carries on. A debugger trap that stops
(function.py's Trap) also returns False, with a negative ``L.budget``."""
    if home is None:
        home = L.frames
    bind_state(L)  # tables place address-hashed keys by this state's heap
    while True:
        frames = L.frames
        if frames is home and len(frames) <= base:
            return True
        if L.budget <= 0:
            return False
        try:
            hook = L.current.hook
            if hook is not None and L.allowhook:
                if (hook.left > 1 and not hook.mask and hook.budget_at_fire is None
                        and getattr(frames[-1], "hookmark", None) is None):
                    _counted(L, frames, base, home, hook)
                else:
                    hooks.step(L, _one, frames, base, home)
            else:
                f = frames[-1]
                cl = f.cl
                p = cl.p
                if p.hot <= 0 and L.compiled:
                    _compiled(L, frames, f, p, base, home)
                else:
                    # frames started here (by a library function, a metamethod) count as a
                    # call, frames resumed here (after a yield, a library call) one
                    p.hot -= 1 if f.pc else p.callcost
                    _loop(L, frames, f, base, home)
        except (LuaError, MemoryError) as exc:
            err = memory_error() if exc.__class__ is MemoryError else exc  # out of memory: LUA_ERRMEM
            if L.error_stop:  # the debugger looks at the failing frame before anything unwinds
                L.place_error(err)
                L.pending_error = err
                return False
            L.unwind(err, base, home)  # raises err again when nothing at or above base takes it


def _compiled(L, frames: list, f: Frame, p, base: int, home: list) -> None:
    """Run the top frame's translated code from its pc when that is a block start the budget
    covers; otherwise interpret up to the end of the current block, where the translated code
    can take over (vm/runtime/compiled)."""
    # nothing can pause this run, no hook counts its instructions: the translation that
    # counts no budget
    free = L.budget >= FREE and L.current.hook is None
    run_ = p.run_free if free else p.run
    if run_ is None:
        run_ = translate(p, free)
        if run_ is None:  # not translatable: it stays interpreted
            _loop(L, frames, f, base, home)
            return
    pc = f.pc
    cost = p.entry[pc]
    if L.bailed is f:  # its translated code stopped before an instruction only we can run
        L.bailed = None
        if pc in p.traps:  # a trapped pc starts a block that asked the trap's check: not again
            L.asked = f
    elif cost and L.budget >= cost:
        left = LUAI_MAXCALLS - len(frames)  # room(frames), inline
        res = run_(L, f, pc, left if left < MAXDEPTH else MAXDEPTH)
        if res is SUSPEND:
            return
        if res is not REFUSED:  # the function returned; its frame is gone
            if f.boundary:
                L.ccalls -= 1
            if f.nresults == 1:
                res = [res]  # one result travels bare
            L.deliver(frames[-1] if frames else None, res, f.ret_a, f.nresults, f.cont)
            return
    budget = L.budget
    k = p.to_leader[pc]
    if k >= budget:
        _loop(L, frames, f, base, home)
        return
    L.budget = k
    beyond = L.budget_beyond
    L.budget_beyond = beyond + budget - k  # for a debugger's traps: the budget past these k
    try:
        _loop(L, frames, f, base, home)
    finally:
        L.budget_beyond = beyond
        left = L.budget
        # stopped by a trap in a frame it went on to (left < 0: -1 - not run of the k)
        L.budget = budget - k + left if left >= 0 else left - (budget - k)


def _counted(L, frames: list, base: int, home: list, hook) -> None:
    """A thread whose hook asks for count events only runs the instructions before the next
    event at the full pace (lvm.c too looks at nothing but the count then), then hooks.step
    fires the event before the instruction it is due at. Interpreted only: translated code
    gives way to run() whenever a hook is set."""
    budget = L.budget
    k = hook.left - 1  # the event is due before the k+1-th instruction from here
    if k > budget:
        k = budget
    beyond = L.budget_beyond
    L.budget = k
    L.budget_beyond = beyond + budget - k  # for a debugger's traps: the budget past these k
    compiled = L.compiled
    L.compiled = False  # a hot loop goes on here rather than handing over at each back edge
    try:
        _loop(L, frames, frames[-1], base, home)
    finally:
        L.compiled = compiled
        L.budget_beyond = beyond
        left = L.budget
        # stopped by a trap (left < 0: -1 - not run of the k)
        used = k - left if left >= 0 else k + 1 + left
        L.budget = budget - k + left if left >= 0 else left - (budget - k)
        hook.left -= used
        f = frames[-1] if frames else None
        if f is not None and f.cl is not None:
            f.hookpc = f.pc - 1  # as if stepped: the instruction before is the last one run


def _one(L, frames: list, base: int, home: list) -> None:
    """Run exactly one instruction of the top frame (a hooked thread's pace)."""
    budget = L.budget
    L.budget = 1
    L.budget_beyond = budget - 1  # for a debugger's traps: the budget left after this one
    try:
        _loop(L, frames, frames[-1], base, home)
    finally:
        L.budget_beyond = 0
        left = L.budget
        # stopped by a trap (left < 0: -1 - not run): nothing of this budget ran either
        L.budget = budget - 1 + left if left >= 0 else left - budget + 1


def _finish(L, frames: list, f: Frame, results: list, base: int, home: list) -> bool:
    """OP_RETURN after the values are collected: close upvalues, pop, deliver. True when the
    loop goes on in frames[-1]; False when run() must decide (base reached, thread switched,
    a frame pushed by a generator that took the results)."""
    if f.open_upvals:
        L.close_upvalues(f, 0)
    frames.pop()
    if f.boundary:
        L.ccalls -= 1
    below = frames[-1] if frames else None
    L.deliver(below, results, f.ret_a, f.nresults, f.cont)  # type: ignore[arg-type]
    return (L.frames is frames and frames[-1] is below and below.cl is not None
            and (frames is not home or len(frames) > base)
            and f.cont != CONT_HOOK)  # after a hook, run() goes back to the hooked pace


def _loop(L, frames: list, f: Frame, base: int, home: list) -> None:
    """The dispatch loop proper; returns to run() when it must pick the next frame itself."""
    cl = f.cl
    code = cl.p.code
    R = f.R
    pc = f.pc
    budget = L.budget
    parked = 0  # budget set aside while a trapped instruction runs alone (see TRAP)
    outer = L.interpreting
    L.interpreting = True  # L.budget is stale meanwhile: nothing may run Lua code nested
    try:
        while budget:  # a cheap counter is the only per-instruction cost of being steppable
            budget -= 1
            op, a, b, c = code[pc]
            pc += 1
            if op < 19:  # MOVE..UNM
                if op < 9:  # MOVE..SETUPVAL
                    if op < 4:  # MOVE..LOADNIL
                        if op < 2:  # MOVE..LOADK
                            if op < 1:  # MOVE..MOVE
                                R[a] = R[b]
                            else:  # LOADK..LOADK
                                R[a] = R[b]
                        else:  # LOADBOOL..LOADNIL
                            if op < 3:  # LOADBOOL..LOADBOOL
                                R[a] = b != 0
                                if c:
                                    pc += 1
                            else:  # LOADNIL..LOADNIL
                                for i in range(a, b + 1):
                                    R[i] = None
                    else:  # GETUPVAL..SETUPVAL
                        if op < 6:  # GETUPVAL..GETGLOBAL
                            if op < 5:  # GETUPVAL..GETUPVAL
                                cell = cl.upvals[b]
                                R[a] = cell.regs[cell.idx]
                            else:  # GETGLOBAL..GETGLOBAL
                                env = cl.env
                                key = R[b]
                                if env.__class__ is LuaTable:
                                    v = env.hash.get(key)
                                    if v is not None or env.metatable is None:
                                        R[a] = v
                                        continue
                                f.pc = pc
                                if index_into(L, f, env, key, -1, a):
                                    return  # an __index frame was pushed: run() continues in it
                        else:  # GETTABLE..SETUPVAL
                            if op < 7:  # GETTABLE..GETTABLE
                                t = R[b]
                                if t.__class__ is LuaTable:
                                    key = R[c]
                                    if key.__class__ is float:
                                        arr = t.arr
                                        if 1.0 <= key <= len(arr) and (i := int(key)) == key:
                                            v = arr[i - 1]
                                        else:
                                            v = t.hash.get(key)
                                    elif key.__class__ is bytes:
                                        v = t.hash.get(key)
                                    else:
                                        v = t.get(key)
                                    if v is not None or t.metatable is None:
                                        R[a] = v
                                        continue
                                f.pc = pc
                                if index_into(L, f, t, R[c], b, a):
                                    return  # an __index frame was pushed: run() continues in it
                            else:  # SETGLOBAL..SETUPVAL
                                if op < 8:  # SETGLOBAL..SETGLOBAL
                                    env = cl.env
                                    f.pc = pc
                                    if env.__class__ is LuaTable:
                                        v = R[a]
                                        if v is not None and env.hash.get(R[b]) is not None:
                                            if write_barrier is not None:
                                                write_barrier(env)
                                            env.hash[R[b]] = v  # a global that exists: no metamethod
                                            continue
                                        if env.metatable is None:
                                            env.set(R[b], v)
                                            continue
                                    mc = setindex(L, f, env, R[b], R[a], -1)
                                    if mc is not None:
                                        if L.call_with(f, mc.fn, mc.args, a, 0, CONT_DISCARD):
                                            return  # a frame was pushed: run() continues in it
                                else:  # SETUPVAL..SETUPVAL
                                    cell = cl.upvals[b]
                                    if write_barrier is not None:
                                        write_barrier(cell)
                                    cell.regs[cell.idx] = R[a]
                else:  # SETTABLE..UNM
                    if op < 14:  # SETTABLE..SUB
                        if op < 11:  # SETTABLE..NEWTABLE
                            if op < 10:  # SETTABLE..SETTABLE
                                t = R[a]
                                if t.__class__ is LuaTable:
                                    key = R[b]
                                    if key.__class__ is bytes:
                                        v = R[c]
                                        if v is not None and t.hash.get(key) is not None:
                                            f.pc = pc
                                            if write_barrier is not None:
                                                write_barrier(t)
                                            t.hash[key] = v  # a field that exists: no metamethod
                                            continue
                                    if t.metatable is None:
                                        if key.__class__ is float:
                                            arr = t.arr
                                            if 1.0 <= key <= len(arr) and (i := int(key)) == key:
                                                if write_barrier is not None:
                                                    write_barrier(t)
                                                arr[i - 1] = R[c]
                                                continue
                                        f.pc = pc
                                        t.set(key, R[c])
                                        continue
                                f.pc = pc
                                mc = setindex(L, f, t, R[b], R[c], a)
                                if mc is not None:
                                    if L.call_with(f, mc.fn, mc.args, a, 0, CONT_DISCARD):
                                        return  # a frame was pushed: run() continues in it
                            else:  # NEWTABLE..NEWTABLE
                                if b > BIG_SIZE or c > BIG_SIZE:
                                    f.pc = pc
                                    R[a] = new_table(b, c)
                                    nb = nc = 0
                                else:
                                    nb = fb2int(b)
                                    nc = fb2int(c)
                                    R[a] = LuaTable(nb, nc)
                                if L.heap.allocated(64 + 16 * nb + 40 * nc):
                                    f.pc = pc
                                    L.gc_check()
                        else:  # SELF..SUB
                            if op < 12:  # SELF..SELF
                                t = R[b]
                                R[a + 1] = t
                                if t.__class__ is LuaTable:
                                    key = R[c]  # a method name, but a crafted chunk may use any key
                                    v = t.hash.get(key) if key.__class__ is bytes else t.get(key)
                                    if v is not None or t.metatable is None:
                                        R[a] = v
                                        continue
                                f.pc = pc
                                if index_into(L, f, t, R[c], b, a):
                                    return  # an __index frame was pushed: run() continues in it
                            else:  # ADD..SUB
                                if op < 13:  # ADD..ADD
                                    x = R[b]
                                    y = R[c]
                                    if x.__class__ is float and y.__class__ is float:
                                        R[a] = x + y
                                    else:
                                        f.pc = pc
                                        if arith_into(L, f, op, a, b, c):
                                            return  # a metamethod frame was pushed: run() continues in it
                                else:  # SUB..SUB
                                    x = R[b]
                                    y = R[c]
                                    if x.__class__ is float and y.__class__ is float:
                                        R[a] = x - y
                                    else:
                                        f.pc = pc
                                        if arith_into(L, f, op, a, b, c):
                                            return  # a metamethod frame was pushed: run() continues in it
                    else:  # MUL..UNM
                        if op < 16:  # MUL..DIV
                            if op < 15:  # MUL..MUL
                                x = R[b]
                                y = R[c]
                                if x.__class__ is float and y.__class__ is float:
                                    R[a] = x * y
                                else:
                                    f.pc = pc
                                    if arith_into(L, f, op, a, b, c):
                                        return  # a metamethod frame was pushed: run() continues in it
                            else:  # DIV..DIV
                                x = R[b]
                                y = R[c]
                                if x.__class__ is float and y.__class__ is float:
                                    R[a] = x / y if y else arith_div(x, y)
                                else:
                                    f.pc = pc
                                    if arith_into(L, f, op, a, b, c):
                                        return  # a metamethod frame was pushed: run() continues in it
                        else:  # MOD..UNM
                            if op < 17:  # MOD..MOD
                                x = R[b]
                                y = R[c]
                                if x.__class__ is float and y.__class__ is float:
                                    if y:
                                        q = x / y
                                        # luai_nummod: a - floor(a/b)*b; math.floor fails only on inf and
                                        # nan; + 0.0: C's is never -0 (int 0 loses floor(-0)'s sign)
                                        R[a] = x - _floor(q) * y + 0.0 if q - q == 0.0 else arith_mod(x, y)
                                    else:
                                        R[a] = arith_mod(x, y)
                                else:
                                    f.pc = pc
                                    if arith_into(L, f, op, a, b, c):
                                        return  # a metamethod frame was pushed: run() continues in it
                            else:  # POW..UNM
                                if op < 18:  # POW..POW
                                    x = R[b]
                                    y = R[c]
                                    if x.__class__ is float and y.__class__ is float:
                                        R[a] = arith_pow(x, y)
                                    else:
                                        f.pc = pc
                                        if arith_into(L, f, op, a, b, c):
                                            return  # a metamethod frame was pushed: run() continues in it
                                else:  # UNM..UNM
                                    x = R[b]
                                    if x.__class__ is float:
                                        R[a] = -x
                                    else:
                                        f.pc = pc
                                        if arith_into(L, f, UNM, a, b, b):
                                            return  # a metamethod frame was pushed: run() continues in it
            else:  # NOT..VARARG
                if op < 28:  # NOT..TESTSET
                    if op < 23:  # NOT..JMP
                        if op < 21:  # NOT..LEN
                            if op < 20:  # NOT..NOT
                                v = R[b]
                                R[a] = v is None or v is False
                            else:  # LEN..LEN
                                f.pc = pc
                                v = length(L, f, R[b], b)
                                if v.__class__ is MetaCall:
                                    if L.call_with(f, v.fn, v.args, a, 1, CONT_STORE):
                                        return  # a frame was pushed: run() continues in it
                                    continue
                                R[a] = v
                        else:  # CONCAT..JMP
                            if op < 22:  # CONCAT..CONCAT
                                f.pc = pc
                                if concat(L, f, a, b, c):
                                    return  # a frame was pushed: run() continues in it
                            else:  # JMP..JMP
                                pc += b
                                if b < 0:  # a loop's back edge: counts the loop's length
                                    p = cl.p
                                    h = p.hot + b
                                    p.hot = h
                                    if h <= 0 and L.compiled:
                                        f.pc = pc
                                        return  # a hot loop: run() hands it to translated code
                    else:  # EQ..TESTSET
                        if op < 26:  # EQ..LE
                            x = R[b]
                            y = R[c]
                            negate = False
                            if op == EQ:
                                if x.__class__ is float and y.__class__ is float:
                                    res = x == y  # before the identity test: NaN is not equal to itself
                                elif x is y:
                                    res = True
                                else:
                                    f.pc = pc
                                    res = equal(L, x, y)
                            elif x.__class__ is float and y.__class__ is float:
                                res = x < y if op == LT else x <= y
                            else:
                                f.pc = pc
                                if op == LT:
                                    res = less(L, f, x, y)
                                else:
                                    res, negate = less_equal(L, f, x, y)
                            if res.__class__ is MetaCall:
                                f.pc = pc
                                cont = CONT_TEST_NOT if negate else CONT_TEST
                                if L.call_with(f, res.fn, res.args, a, 1, cont):
                                    return  # a frame was pushed: run() continues in it
                                continue
                            if res == a:  # then take the jump that follows
                                pc += code[pc][2] + 1
                            else:
                                pc += 1
                        else:  # TEST..TESTSET
                            if op < 27:  # TEST..TEST
                                v = R[a]
                                if (v is None or v is False) == bool(c):
                                    pc += 1
                                else:
                                    pc += code[pc][2] + 1
                            else:  # TESTSET..TESTSET
                                v = R[b]
                                if (v is None or v is False) == bool(c):
                                    pc += 1
                                else:
                                    R[a] = v
                                    pc += code[pc][2] + 1
                else:  # CALL..VARARG
                    if op < 33:  # CALL..FORPREP
                        if op < 30:  # CALL..TAILCALL
                            if op < 29:  # CALL..CALL
                                fn = R[a]
                                nargs = (b - 1) if b else max(f.top - a - 1, 0)
                                f.pc = pc
                                if fn.__class__ is LuaFunction:
                                    p = fn.p
                                    if p.is_vararg or len(frames) >= LUAI_MAXCALLS:
                                        f = L.push_lua(fn, R[a + 1:a + 1 + nargs], a, c - 1, CONT_CALL)
                                        R = f.R
                                    else:  # luaD_precall's common case, inline
                                        nR = p.template.copy()
                                        np = p.numparams
                                        nk = p.nk
                                        if nargs >= np:
                                            nR[nk:nk + np] = R[a + 1:a + 1 + np]
                                        else:
                                            nR[nk:nk + nargs] = R[a + 1:a + 1 + nargs]
                                        f = NEW(Frame)  # Frame(fn, nR, None, a, c - 1, CONT_CALL)
                                        f.cl = fn
                                        f.R = nR
                                        f.pc = 0
                                        f.varargs = None
                                        f.top = 0
                                        f.ret_a = a
                                        f.nresults = c - 1
                                        f.cont = CONT_CALL
                                        f.gen = None
                                        f.builtin = None
                                        f.tailcalls = 0
                                        f.boundary = False
                                        f.open_upvals = None
                                        frames.append(f)
                                        R = nR
                                    cl = fn
                                    code = p.code
                                    pc = 0
                                    h = p.hot - p.callcost
                                    p.hot = h
                                    if h <= 0 and L.compiled:
                                        return  # translated (or about to be): run() takes it
                                    continue
                                if fn.__class__ is Builtin and not fn.is_gen:
                                    results = fn.fn(L, R[a + 1:a + 1 + nargs])
                                    n = len(results)
                                    if c == 0:
                                        end = a + n
                                        if end > len(R):
                                            R.extend([None] * (end - len(R)))
                                        R[a:end] = results
                                        f.top = end
                                    elif c == 2:
                                        R[a] = results[0] if n else None
                                    elif c != 1:
                                        want = c - 1
                                        if n >= want:
                                            R[a:a + want] = results[:want]
                                        else:
                                            R[a:a + n] = results
                                            for i in range(a + n, a + want):
                                                R[i] = None
                                    continue
                                if fn.__class__ is Builtin and fn.switch is not None and native_switch(
                                        L, f, fn, R[a + 1:a + 1 + nargs], a, c - 1, CONT_CALL):
                                    return  # another thread runs now
                                if L.call_with(f, fn, R[a + 1:a + 1 + nargs], a, c - 1, CONT_CALL, a) \
                                        or L.frames is not frames or frames[-1] is not f:
                                    return  # run() continues in whatever frame is now on top
                            else:  # TAILCALL..TAILCALL
                                fn = R[a]
                                nargs = (b - 1) if b else max(f.top - a - 1, 0)
                                args = R[a + 1:a + 1 + nargs]
                                f.pc = pc
                                if fn.__class__ is LuaFunction:
                                    # replace this frame by the callee (constant space), keep its continuation
                                    if f.open_upvals:
                                        L.close_upvalues(f, 0)
                                    frames.pop()
                                    g = L.push_lua(fn, args, f.ret_a, f.nresults, CONT_CALL)
                                    g.cont = f.cont
                                    g.boundary = f.boundary
                                    g.tailcalls = f.tailcalls + 1
                                    f = g
                                    cl = fn
                                    code = cl.p.code
                                    R = f.R
                                    pc = 0
                                    p = cl.p
                                    h = p.hot - p.callcost  # a tail call counts as a call
                                    p.hot = h
                                    if h <= 0 and L.compiled:
                                        return  # translated (or about to be): run() takes it
                                    continue
                                # a library function: call it, then return its results like OP_RETURN
                                if fn.__class__ is Builtin and fn.switch is not None and native_switch(
                                        L, f, fn, args, a, -1, CONT_CALL):
                                    return  # another thread runs now
                                if L.call_with(f, fn, args, a, -1, CONT_CALL, a) or L.frames is not frames \
                                        or frames[-1] is not f:
                                    return  # run() continues in whatever frame is now on top
                                if not _finish(L, frames, f, R[a:f.top], base, home):
                                    return
                                f = frames[-1]
                                cl = f.cl
                                code = cl.p.code
                                R = f.R
                                pc = f.pc
                        else:  # RETURN..FORPREP
                            if op < 31:  # RETURN..RETURN
                                if (f.cont == CONT_CALL and len(frames) > base + 1
                                        and frames[-2].cl is not None):
                                    # a Lua function returning to a Lua caller's CALL: inline
                                    if f.open_upvals:
                                        L.close_upvalues(f, 0)
                                    frames.pop()
                                    caller = frames[-1]
                                    CR = caller.R
                                    ret_a = f.ret_a
                                    want = f.nresults
                                    if want == 1:
                                        CR[ret_a] = R[a] if b != 1 and (b or a < f.top) else None
                                    elif want >= 0:
                                        n = (b - 1) if b else (f.top - a)
                                        for i in range(want):
                                            CR[ret_a + i] = R[a + i] if i < n else None
                                    else:
                                        results = R[a:a + b - 1] if b else R[a:f.top]
                                        end = ret_a + len(results)
                                        if end > len(CR):
                                            CR.extend([None] * (end - len(CR)))
                                        CR[ret_a:end] = results
                                        caller.top = end
                                    f = caller
                                    cl = f.cl
                                    code = cl.p.code
                                    R = CR
                                    pc = f.pc
                                    if cl.p.hot <= 0 and L.compiled:
                                        return  # the caller is translated: run() resumes it
                                    continue
                                results = R[a:a + b - 1] if b else R[a:f.top]
                                if not _finish(L, frames, f, results, base, home):
                                    return
                                f = frames[-1]
                                cl = f.cl
                                code = cl.p.code
                                R = f.R
                                pc = f.pc
                            else:  # FORLOOP..FORPREP
                                if op < 32:  # FORLOOP..FORLOOP
                                    step = R[a + 2]
                                    try:
                                        idx = R[a] + step
                                        go = (idx <= R[a + 1]) if step > 0 else (R[a + 1] <= idx)
                                    except TypeError:  # not numbers: see forloop_error
                                        f.pc = pc
                                        forloop_error(R, a)
                                    if go:
                                        if idx.__class__ is not float:  # True + True, b"x" + b"y"
                                            f.pc = pc
                                            forloop_error(R, a)
                                        pc += b
                                        R[a] = idx
                                        R[a + 3] = idx
                                        p = cl.p
                                        h = p.hot + b  # the loop's length
                                        p.hot = h
                                        if h <= 0 and L.compiled:
                                            f.pc = pc
                                            return  # a hot loop: run() hands it to translated code
                                else:  # FORPREP..FORPREP
                                    init = R[a]
                                    limit = R[a + 1]
                                    step = R[a + 2]
                                    if init.__class__ is not float or limit.__class__ is not float \
                                            or step.__class__ is not float:
                                        f.pc = pc
                                        x = tonumber(init)
                                        y = tonumber(limit)
                                        z = tonumber(step)
                                        if x is None or y is None or z is None:
                                            forprep_error(L, f, R, a)
                                        R[a] = init = x
                                        R[a + 1] = y
                                        R[a + 2] = step = z
                                    R[a] = init - step
                                    pc += b
                    else:  # TFORLOOP..VARARG
                        if op < 35:  # TFORLOOP..SETLIST
                            if op < 34:  # TFORLOOP..TFORLOOP
                                fn = R[a]
                                f.pc = pc
                                if fn.__class__ is Builtin and not fn.is_gen:
                                    results = fn.fn(L, [R[a + 1], R[a + 2]])
                                    cb = a + 3
                                    n = len(results)
                                    for i in range(c):
                                        R[cb + i] = results[i] if i < n else None
                                    v = R[cb]
                                    if v is not None:
                                        R[a + 2] = v
                                        j = code[pc][2]  # the back edge (JMP): the loop's length
                                        pc += j + 1
                                        p = cl.p
                                        h = p.hot + j
                                        p.hot = h
                                        if h <= 0 and L.compiled:
                                            f.pc = pc
                                            return  # a hot loop: run() hands it to translated code
                                    else:
                                        pc += 1
                                    continue
                                # an iteration through a coroutine or a Lua iterator counts the
                                # loop's length here: the dispatcher translates the frame when it
                                # comes back to it hot
                                p = cl.p
                                p.hot += code[pc][2]
                                if fn.__class__ is Builtin and fn.switch is not None and native_switch(
                                        L, f, fn, [R[a + 1], R[a + 2]], a, -1, CONT_TFORLOOP):
                                    return  # another thread runs now
                                if L.call_with(f, fn, [R[a + 1], R[a + 2]], a, -1, CONT_TFORLOOP, a + 3) \
                                        or L.frames is not frames or frames[-1] is not f:
                                    return  # run() continues in whatever frame is now on top
                                pc = f.pc  # the continuation moved it
                            else:  # SETLIST..SETLIST
                                n = b if b else max(f.top - a - 1, 0)
                                f.pc = pc
                                setlist(R[a], (c - 1) * LFIELDS_PER_FLUSH, R[a + 1:a + 1 + n])
                        else:  # CLOSE..VARARG
                            if op < 36:  # CLOSE..CLOSE
                                if f.open_upvals:
                                    L.close_upvalues(f, a)
                            else:  # CLOSURE..VARARG
                                if op < 37:  # CLOSURE..CLOSURE
                                    p = cl.p.protos[b]
                                    upvals = []
                                    for is_local, idx in c:
                                        upvals.append(find_upval(f, idx) if is_local else cl.upvals[idx])
                                    R[a] = LuaFunction(p, upvals, cl.env)
                                    if L.heap.allocated(40 + 48 * len(c)):
                                        f.pc = pc
                                        L.gc_check()
                                    pc += len(c)
                                elif op < 38:  # VARARG..VARARG
                                    va = f.varargs
                                    if b == 0:
                                        n = len(va)
                                        end = a + n
                                        if end > len(R):
                                            R.extend([None] * (end - len(R)))
                                        R[a:end] = va
                                        f.top = end
                                    else:
                                        n = b - 1
                                        for i in range(n):
                                            R[a + i] = va[i] if i < len(va) else None
                                elif op < 39:  # TRAP: a watched pc; its Trap decides (function.py)
                                    pc -= 1
                                    f.pc = pc
                                    trap = cl.p.traps[pc]
                                    if L.asked is f:  # translated code asked it, then bailed
                                        L.asked = None
                                    elif trap.check(L, f, budget):
                                        budget = -2 - budget  # stop before it: -1 - (left, this one too)
                                        break
                                    code = trap.passing  # run the instruction, then back (RESUME)
                                    budget += 1
                                    if trap.loops and budget > 1:  # it may come back to this pc:
                                        parked = budget - 1  # run it alone, then the trap again
                                        budget = 1
                                else:  # RESUME: back from a trap's passing code to the trapped code
                                    code = cl.p.code
                                    pc -= 1
                                    budget += 1
        f.pc = pc  # out of budget (or stopped by a trap): paused before code[pc]
    except KeyboardInterrupt:  # Ctrl-C: the frame says where (lua.c's report of "interrupted!")
        f.pc = pc
        raise
    finally:
        L.budget = budget + parked
        L.interpreting = outer


def translate(p, free: bool = False):
    from vm.runtime.compiled.translate import translate as translate_

    return translate_(p, free)

