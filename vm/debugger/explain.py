"""The debugger's side of the explanations (the sentences are vm/explain.py's): which
instruction of which frame to explain, and what the last step did there."""

from __future__ import annotations

from collections.abc import Callable

from vm import explain as words
from vm.bytecode.opcodes import Op, get_op
from vm.debugger.model import HANDLED
from vm.runtime.errors import function_name
from vm.runtime.frame import Frame
from vm.runtime.function import Builtin


def default_show(heap) -> Callable[[object], str]:
    """Values as the debugger names them when the front end says nothing: objects by handle
    (``table#12``), library functions by their name first (``print (function#2)``)."""

    def show(v: object) -> str:
        if v.__class__ is Builtin:
            return f"{v.name} ({heap.label(v)})"  # type: ignore[union-attr]
        if v.__class__ in HANDLED:
            return heap.label(v)
        return words.plain(v)

    return show


def site(f: Frame, show: Callable[[object], str]) -> words.Site:
    return words.Site(f.cl, f.R, tuple(f.varargs or ()), f.top, show)


def next_instruction(f: Frame, pc: int, show: Callable[[object], str]) -> str:
    """The instruction at ``pc`` of frame ``f``, about to run (or running a call)."""
    return words.before(site(f, show), pc)


def last_step(frames: list[Frame], last: tuple | None, f: Frame, top: bool,
              show: Callable[[object], str]) -> str:
    """What the last instruction run did, told in frame ``f`` (``top``: the innermost frame):
    the instruction itself when it ran in ``f``; the call that ``f`` is making when the step
    entered it; the call that returned to ``f`` when the step was the callee's RETURN; "" when
    the last step says nothing about ``f``. ``last`` is the debugger's ``last_step`` location
    (frame list, depth, frame, pc, line)."""
    if last is None or f.cl is None:
        return ""
    ran, pc = last[2], last[3]
    if ran is None or ran.cl is None or pc < 0:
        return ""
    code = ran.cl.p.proto.code
    if pc >= len(code):
        return ""
    op = get_op(code[pc])
    if ran is f:
        if not top and op in (Op.CALL, Op.TFORLOOP):  # the call went into a function
            return words.before(site(f, show), pc).replace("call ", "calling ", 1) + " (running now)"
        return words.after(site(f, show), pc, f.pc if top else None)
    if op in (Op.RETURN, Op.TAILCALL) and top and ran not in frames and f.pc > 0:
        call = f.pc - 1  # back in the caller: the call it made has its results now
        if get_op(f.cl.p.proto.code[call]) == Op.CALL:
            return words.after(site(f, show), call, f.pc)
    if op in (Op.CALL, Op.TAILCALL, Op.TFORLOOP) and top and f.pc == 0:
        named = function_name(frames, len(frames) - 1) if frames and frames[-1] is f else None
        return words.entered(site(f, show), named[1].decode("utf-8", "replace") if named else "")
    return ""
