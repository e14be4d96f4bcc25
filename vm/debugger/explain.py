"""An instruction explained: its rule from the opcode table with operands and live values filled in."""

from __future__ import annotations

import re

from vm import inspect
from vm.bytecode.opcodes import OPINFO, get_a, get_b, get_bx, get_c, get_op, get_sbx, index_k, is_k
from vm.debugger.model import HANDLED
from vm.runtime.function import LuaFunction
from vm.runtime.values import plain_tostring


def explain(L, f, pc: int) -> str:
    """The instruction at ``pc`` of frame ``f`` in plain words with live values (objects named
    by their handles, as everywhere in the debugger)."""
    text = inspect.explain(f.cl, pc, f.R)
    if text == rule(f.cl, pc):
        return filled_rule(f.cl, pc, f.R, L.heap.label)
    if ": 0x" in text:
        heap = L.heap
        for v in f.R:
            if v.__class__ in HANDLED:
                text = text.replace(plain_tostring(v).decode(), heap.label(v))
    return text


def rule(fn: LuaFunction, pc: int) -> str:

    return OPINFO[get_op(fn.p.proto.code[pc])].rule


def filled_rule(fn: LuaFunction, pc: int, R: list, label) -> str:
    """An instruction's rule (``R(A) := UpValue[B]``) with its operands filled in and the
    values of the registers, upvalues and constants it names: ``R0 := U0  (U0 = 41)``."""


    proto = fn.p.proto
    i = proto.code[pc]
    a, b, c = get_a(i), get_b(i), get_c(i)

    def rk(x: int) -> str:
        return f"K{index_k(x)}" if is_k(x) else f"R{x}"

    text = rule(fn, pc).replace(", R(A), ... ,R(A+n)", "")
    for pattern, value in (("KPROTO[Bx]", f"function {get_bx(i)} of this one"), ("RK(B)", rk(b)),
                           ("RK(C)", rk(c)), ("UpValue[B]", f"U{b}"),
                           ("Kst(Bx)", f"K{get_bx(i)}"), ("(Bool)B", "true" if b else "false"),
                           ("sBx", str(get_sbx(i))), ("if (C)", f"if ({c})")):
        text = text.replace(pattern, value)
    text = re.sub(r"R\(A\+(\d)\)", lambda m: f"R{a + int(m.group(1))}", text)
    text = text.replace("R(A)", f"R{a}").replace("R(B)", f"R{b}").replace("R(C)", f"R{c}")
    nk = fn.p.nk
    shown = []
    for name in dict.fromkeys(re.findall(r"\b([RUK])(\d+)\b", text)):
        kind, n = name[0], int(name[1])
        if kind == "R" and nk + n < len(R):
            value = R[nk + n]
        elif kind == "U" and n < len(fn.upvals):
            value = fn.upvals[n].regs[fn.upvals[n].idx]
        elif kind == "K" and n < len(proto.constants):
            value = proto.constants[n]
        else:
            continue
        text_of = label(value) if value.__class__ in HANDLED else inspect._show(value)
        shown.append(f"{kind}{n} = {text_of}")
        if len(shown) == 3:
            break
    return text + (f"  ({', '.join(shown)})" if shown else "")
