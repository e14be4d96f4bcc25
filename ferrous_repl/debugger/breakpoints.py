"""Breakpoints beyond a line toggled with ``b``: commands typed in the eval box (``:break 12 if
i == 3``, ``:break name``, ``:break``, ``:clear``, ``:errors``), instruction breakpoints
toggled in the bytecode panel, and the marks the code panels show."""

from __future__ import annotations

import re

from vm.debugger import Breakpoint, Debugger, FunctionView

_LINE = re.compile(r"(\d+)(?:\s+if\s+(.+))?", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

HELP = (":break LINE [if EXPR]  break on a line of this chunk (when EXPR is true)\n"
        ":break NAME  break on entry to a function called NAME\n"
        ":break  list the breakpoints    :clear  remove them all\n"
        ":errors  also stop on errors that pcall catches (toggle)")


def run_command(d: Debugger, text: str, chunk: bytes | None) -> str:
    """Do a breakpoint command; returns what to tell the user."""
    name, _, arg = text[1:].strip().partition(" ")
    arg = arg.strip()
    if name == "break" and not arg:
        return describe(d) or "no breakpoints"
    if name == "break":
        m = _LINE.fullmatch(arg)
        if m is not None:
            cond = m.group(2).strip().encode("utf-8", "surrogateescape") if m.group(2) else None
            d.breakpoints.append(Breakpoint(line=int(m.group(1)), source=chunk, condition=cond))
            return f"breakpoint on line {m.group(1)}" + (f" if {m.group(2).strip()}" if cond else "")
        if _NAME.fullmatch(arg):
            d.breakpoints.append(Breakpoint(function=arg.encode()))
            return f"breakpoint on entry to {arg}"
        return f"not a line or a function name: {arg}\n{HELP}"
    if name == "clear":
        n = len(d.breakpoints)
        d.breakpoints.clear()
        return f"{n} breakpoint(s) removed"
    if name == "errors":
        d.break_on_caught_errors = not d.break_on_caught_errors
        return "stopping on every error" if d.break_on_caught_errors else "stopping on uncaught errors only"
    return HELP


def toggle_pc(d: Debugger, fn: FunctionView, pc: int) -> bool:
    """Set or clear a breakpoint on instruction ``pc`` of ``fn``; True when one is now set."""
    for bp in d.breakpoints:
        if bp.pc == pc and bp.source == fn.source and bp.linedefined == fn.linedefined:
            d.breakpoints.remove(bp)
            return False
    d.breakpoints.append(Breakpoint(pc=pc, source=fn.source, linedefined=fn.linedefined))
    return True


def line_marks(d: Debugger) -> frozenset[tuple[bytes | None, int]]:
    return frozenset((bp.source, bp.line) for bp in d.breakpoints if bp.line is not None)


def pc_marks(d: Debugger, fn: FunctionView | None) -> frozenset[int]:
    if fn is None:
        return frozenset()
    return frozenset(bp.pc for bp in d.breakpoints if bp.pc is not None and bp.source == fn.source
                     and bp.linedefined == fn.linedefined)


def describe(d: Debugger) -> str:
    out = []
    for bp in d.breakpoints:
        if bp.line is not None:
            what = f"line {bp.line}"
        elif bp.pc is not None:
            what = f"instruction {bp.pc + 1} of the function at line {bp.linedefined}"
        else:
            what = f"entry to {(bp.function or b'?').decode('utf-8', 'replace')}"
        if bp.condition:
            what += f" if {bp.condition.decode('utf-8', 'replace')}"
        out.append(what)
    if d.break_on_caught_errors:
        out.append("every error (caught ones too)")
    return "\n".join(out)
