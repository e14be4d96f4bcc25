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
from vm.runtime import interp
from vm.runtime.compiled import REFUSED, SUSPEND
from vm.runtime.frame import CONT_CALL, CONT_TFORLOOP, Frame
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.interp import LUAI_MAXCALLS, MetaCall, find_upval, setlist
from vm.runtime.numbers import arith_div, arith_mod, arith_pow, number_to_bytes
from vm.runtime.table import LuaTable

MAXDEPTH = 100  # translated activations nested in Python calls before a call goes through run()
CALL_OPS = frozenset({28, 29, 33})  # CALL, TAILCALL, TFORLOOP: the frame is in order before them


class Bail(Exception):
    """Raised by a slow path: the instruction needs the interpreter (a metamethod frame)."""


class BudgetOut(Exception):
    """Raised at a block start: the budget ends inside the block."""


@dataclass(slots=True)
class Meta:
    """A translation's static facts for its exception handler."""

    line_pc: list[int]  # Python line -> pc of the instruction it belongs to (-1: dispatch)
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


def index_slow(L, f: Frame, t: object, key: object, reg: int, pc1: int) -> object:
    f.pc = pc1
    v = interp.index(L, f, t, key, reg)
    if v.__class__ is MetaCall:
        raise Bail
    return v


def newindex_slow(L, f: Frame, t: object, key: object, value: object, reg: int, pc1: int) -> None:
    f.pc = pc1
    if interp.setindex(L, f, t, key, value, reg) is not None:
        raise Bail


def arith_slow(L, f: Frame, op: int, x: object, y: object, rb: int, rc: int, pc1: int) -> object:
    f.pc = pc1
    v = interp.arith_values(L, f, op, x, y, rb, rc)
    if v.__class__ is MetaCall:
        raise Bail
    return v


def len_slow(L, f: Frame, v: object, reg: int, pc1: int) -> object:
    f.pc = pc1
    r = interp.length(L, f, v, reg)
    if r.__class__ is MetaCall:
        raise Bail
    return r


def eq_slow(L, f: Frame, x: object, y: object, pc1: int) -> bool:
    r = interp.equal(L, x, y)
    if r.__class__ is MetaCall:
        raise Bail
    return r  # type: ignore[return-value]


def lt_slow(L, f: Frame, x: object, y: object, pc1: int) -> bool:
    f.pc = pc1
    r = interp.less(L, f, x, y)
    if r.__class__ is MetaCall:
        raise Bail
    return r  # type: ignore[return-value]


def le_slow(L, f: Frame, x: object, y: object, pc1: int) -> bool:
    f.pc = pc1
    r, _negate = interp.less_equal(L, f, x, y)
    if r.__class__ is MetaCall:
        raise Bail
    return r  # type: ignore[return-value]


def forprep_slow(L, f: Frame, x: object, y: object, z: object, pc1: int) -> tuple:
    f.pc = pc1
    a, b, c = interp.tonumber(x), interp.tonumber(y), interp.tonumber(z)
    if a is None or b is None or c is None:
        interp.forprep_error(L, f, [x, y, z], 0)
    return a, b, c


def concat_fast(values: tuple) -> bytes | None:
    """luaV_concat when every operand is a string or a number (one join, as the interpreter
    does it); None otherwise."""
    parts = []
    for v in values:
        cls = v.__class__
        if cls is bytes:
            parts.append(v)
        elif cls is float:
            parts.append(number_to_bytes(v))
        else:
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


def call_other(L, f: Frame, fn: object, args: list, a: int, nres: int, cont: int,
               fpos: int) -> object:
    """A call the translated code does not make itself (a Lua function too deep in Python
    calls, a library generator, a __call): as the interpreter makes it. SUSPEND when a frame
    now runs (the dispatcher goes on), else the results, already delivered into f.R."""
    if fn.__class__ is LuaFunction:
        L.push_lua(fn, args, a, nres, cont)
        return SUSPEND
    frames = L.frames
    if (L.call_with(f, fn, args, a, nres, cont, fpos) or L.frames is not frames
            or frames[-1] is not f or cont == CONT_TFORLOOP):
        return SUSPEND
    R = f.R
    if nres < 0:
        return R[a:f.top]
    return R[a:a + nres]


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
    L.deliver(f, res, a, nres, CONT_CALL)
    return SUSPEND


def edited_tfor(L, f: Frame, res: list, a: int, c: int) -> object:
    L.deliver(f, res, a, -1, CONT_TFORLOOP)
    return SUSPEND


def cold_enter(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0, *args):
    """``enter`` of a prototype not translated (yet): count the call, translate when it is
    hot, else open its frame for the interpreter (SUSPEND: the dispatcher runs it)."""
    if f is not None:
        return SUSPEND  # a frame already opened (a tail call): the dispatcher runs it
    p = cl.p
    p.hot -= 1
    if p.hot <= 0 and L.compiled:
        from vm.runtime.compiled.translate import translate

        run = translate(p)
        if run is not None:
            return run(L, None, 0, depth, cl, ret_a, nres, cont, *args)
    L.push_lua(cl, list(args), ret_a, nres, cont)
    return SUSPEND


HELPERS = {
    "LuaError": LuaError,
    "LuaTable": LuaTable,
    "LuaFunction": LuaFunction,
    "Builtin": Builtin,
    "Frame": Frame,
    "SUSPEND": SUSPEND,
    "REFUSED": REFUSED,
    "Bail": Bail,
    "BudgetOut": BudgetOut,
    "MAXCALLS": LUAI_MAXCALLS,
    "MAXDEPTH": MAXDEPTH,
    "CONT_TFORLOOP": CONT_TFORLOOP,
    "floor": floor,
    "arith_div": arith_div,
    "arith_mod": arith_mod,
    "arith_pow": arith_pow,
    "find_upval": find_upval,
    "setlist": setlist,
    "on_exception": on_exception,
    "index_slow": index_slow,
    "newindex_slow": newindex_slow,
    "arith_slow": arith_slow,
    "len_slow": len_slow,
    "eq_slow": eq_slow,
    "lt_slow": lt_slow,
    "le_slow": le_slow,
    "forprep_slow": forprep_slow,
    "concat_fast": concat_fast,
    "put_multi": put_multi,
    "arg_table": arg_table,
    "call_other": call_other,
    "tail_frame": tail_frame,
    "edited": edited,
    "edited_tfor": edited_tfor,
}
