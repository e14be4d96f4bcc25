"""Frozen views of VM state for the front ends (debugger, REPL): frames, registers named by
their active locals, varargs, upvalues open or closed, and the current instruction explained
with live values. Views are immutable snapshots of structure; the Lua values in them are the
live values themselves (a table stays the same table).
"""

from __future__ import annotations

from dataclasses import dataclass

from vm.bytecode.listing import format_instruction
from vm.bytecode.opcodes import OPINFO, Op, get_a, get_b, get_bx, get_c, get_op, get_sbx, index_k, is_k
from vm.chunkid import chunkid
from vm.runtime.errors import function_name, local_name
from vm.runtime.function import LuaFunction
from vm.runtime.values import plain_tostring


@dataclass(frozen=True, slots=True)
class RegisterView:
    index: int
    name: bytes | None  # the active local in this register, if any
    value: object


@dataclass(frozen=True, slots=True)
class UpvalueView:
    index: int
    name: bytes
    is_open: bool
    register: int | None  # while open: the register it names ...
    owner: int | None  # ... in the frame at this depth
    value: object


@dataclass(frozen=True, slots=True)
class FrameView:
    """One activation, innermost first (depth 0)."""

    depth: int
    what: str  # "main", "Lua" or "C"
    name: bytes | None  # how the caller named it: b"global 'f'", b"method 'm'"...
    source: bytes  # short source, as in messages
    line: int  # current line, -1 for library functions
    pc: int  # index of the instruction about to run (or running a call)
    registers: tuple[RegisterView, ...]
    varargs: tuple[object, ...]
    upvalues: tuple[UpvalueView, ...]
    linedefined: int = -1  # where the function is defined (0: a main chunk; -1: a library function)
    thread: object = None  # the coroutine whose frame this is (None: the main thread)
    function: object = None  # the running function (closure or library function)


def live_frames(L, threads: bool = False) -> list[tuple[object, list]]:
    """The frame lists to show, innermost thread first, each (coroutine or None for the main
    thread, its live frames oldest first): the running thread's, then with ``threads`` those
    of the threads that resumed it, in turn (a coroutine's whole logical stack)."""
    def live(frames: list) -> list:
        return [f for f in frames if f.cl is not None or f.gen is not None]

    main = getattr(L, "main", None)
    current = getattr(L, "current", None)
    out = [(None if current is main else current, live(L.frames))]
    co = current
    while threads and co is not None and co is not main and co.resumer is not None:
        co = co.resumer
        out.append((None if co is main else co, live(co.frames)))
    return out


def frames(L, failing: bool = False, threads: bool = False) -> tuple[FrameView, ...]:
    """The running thread's frames, innermost first. ``failing``: the innermost frame's last
    instruction raised an error that is still pending (its pc has already moved past it), so
    that frame is shown at the failing instruction. ``threads``: inside a coroutine, the frames
    of the threads that resumed it follow, the depth counting on (``FrameView.thread`` says
    whose a frame is)."""
    lists = live_frames(L, threads)
    owners = {}
    base = 0
    for _, live in lists:
        owners.update({id(f.R): (base + len(live) - 1 - i, f.cl.p.nk) for i, f in enumerate(live)
                       if f.cl is not None})
        base += len(live)
    out: list[FrameView] = []
    for n, (thread, live) in enumerate(lists):
        for i in range(len(live) - 1, -1, -1):
            out.append(_frame_view(live, i, len(out), owners, failing and n == 0, thread))
    return tuple(out)


def _frame_view(live: list, i: int, depth: int, owners: dict, failing: bool = False,
                thread: object = None) -> FrameView:
    f = live[i]
    named = function_name(live, i)
    name = b"%s '%s'" % named if named is not None else None
    if f.cl is None:
        builtin = f.builtin
        return FrameView(depth, "C", name or (builtin.name.encode() if builtin else None), b"[C]",
                         -1, -1, (), tuple(f.varargs or ()), (), -1, thread, f.builtin)
    p = f.cl.p
    proto = p.proto
    # a frame below the top is in a call; the top one, failing, is at the instruction that failed
    pc = f.pc if i == len(live) - 1 and not failing else max(f.pc - 1, 0)
    line = proto.lineinfo[min(max(pc, 0), len(proto.lineinfo) - 1)] if proto.lineinfo else -1
    regs = []
    for r in range(proto.maxstacksize):
        regs.append(RegisterView(r, local_at(proto, r, pc), f.R[p.nk + r]))
    ups = []
    for u, cell in enumerate(f.cl.upvals):
        owner = owners.get(id(cell.regs))  # a closed cell's list belongs to no frame
        ups.append(UpvalueView(u, proto.upvalues[u] if u < len(proto.upvalues) else b"?",
                               owner is not None,
                               cell.idx - owner[1] if owner is not None else None,
                               owner[0] if owner is not None else None, cell.regs[cell.idx]))
    what = "main" if proto.linedefined == 0 else "Lua"
    source = chunkid(proto.source if proto.source is not None else b"=?")
    return FrameView(depth, what, name, source, line, pc, tuple(regs), tuple(f.varargs or ()),
                     tuple(ups), proto.linedefined, thread, f.cl)


def local_at(proto, reg: int, pc: int) -> bytes | None:
    """The name of the local held in register reg at pc (luaF_getlocalname)."""
    return local_name(proto, reg + 1, pc)


def _show(v: object) -> str:
    if v.__class__ is bytes:
        return '"' + v.decode("utf-8", "backslashreplace") + '"'  # type: ignore[union-attr]
    return plain_tostring(v).decode("utf-8", "backslashreplace")


def instruction(fn: LuaFunction, pc: int) -> str:
    """The instruction at pc as luac lists it (the same text as the listing)."""
    return format_instruction(fn.p.proto, pc)


def explain(fn: LuaFunction, pc: int, R: list) -> str:
    """The instruction at pc in plain words with live values, e.g.
    ``R2 := R0 + K1  (41 + 1 = 42)``; R is the frame's register list (constants first)."""
    p = fn.p
    proto = p.proto
    i = proto.code[pc]
    op = get_op(i)
    a = get_a(i)
    nk = p.nk

    def reg(r: int) -> object:
        return R[nk + r]

    def rk(x: int) -> tuple[str, object]:
        if is_k(x):
            return f"K{index_k(x)}", proto.constants[index_k(x)]
        return f"R{x}", reg(x)

    arith = {Op.ADD: "+", Op.SUB: "-", Op.MUL: "*", Op.DIV: "/", Op.MOD: "%", Op.POW: "^"}
    if op in arith:
        (nb, vb), (nc, vc) = rk(get_b(i)), rk(get_c(i))
        live = f"{_show(vb)} {arith[op]} {_show(vc)}"
        if vb.__class__ is float and vc.__class__ is float:
            from vm.runtime.interp import arith_value

            live += f" = {_show(arith_value(op, vb, vc))}"  # type: ignore[arg-type]
        return f"R{a} := {nb} {arith[op]} {nc}  ({live})"
    if op == Op.MOVE:
        return f"R{a} := R{get_b(i)}  ({_show(reg(get_b(i)))})"
    if op == Op.LOADK:
        return f"R{a} := K{get_bx(i)}  ({_show(proto.constants[get_bx(i)])})"
    if op == Op.GETGLOBAL:
        k = proto.constants[get_bx(i)]
        return f"R{a} := _G[{_show(k)}]"
    if op == Op.SETGLOBAL:
        k = proto.constants[get_bx(i)]
        return f"_G[{_show(k)}] := R{a}  ({_show(reg(a))})"
    if op == Op.GETTABLE:
        nc, vc = rk(get_c(i))
        return f"R{a} := R{get_b(i)}[{nc}]  (key {_show(vc)})"
    if op == Op.SETTABLE:
        (nb, vb), (nc, vc) = rk(get_b(i)), rk(get_c(i))
        return f"R{a}[{nb}] := {nc}  ([{_show(vb)}] := {_show(vc)})"
    if op in (Op.EQ, Op.LT, Op.LE):
        sym = {Op.EQ: "==", Op.LT: "<", Op.LE: "<="}[op]
        (nb, vb), (nc, vc) = rk(get_b(i)), rk(get_c(i))
        want = "true" if a else "false"
        return (f"if ({nb} {sym} {nc}) ~= {want} then skip the next jump  "
                f"({_show(vb)} {sym} {_show(vc)})")
    if op == Op.JMP:
        return f"jump to {pc + 1 + get_sbx(i) + 1}"
    if op == Op.CALL:
        b, c = get_b(i), get_c(i)
        args = "all values up to the top" if b == 0 else f"{b - 1} argument(s)"
        res = "all results" if c == 0 else f"{c - 1} result(s)"
        return f"call R{a} ({_show(reg(a))}) with {args}, keep {res}"
    if op == Op.RETURN:
        b = get_b(i)
        return "return" + (" all values from R%d" % a if b == 0 else
                           f" {b - 1} value(s) from R{a}" if b > 1 else "")
    if op == Op.FORLOOP:
        return (f"R{a} += R{a + 2}; loop while R{a} <= R{a + 1}  "
                f"({_show(reg(a))} + {_show(reg(a + 2))} vs {_show(reg(a + 1))})")
    return OPINFO[op].rule

