"""Breakpoints beyond a line toggled with ``b``: commands typed in the eval box (``:break 12 if
i == 3``, ``:break 12 hits 100``, ``:log 12 "i = {i}"``, ``:break name``, ``:break``,
``:clear``, ``:errors``), instruction breakpoints toggled in the bytecode panel, the marks the
code panels show, and the program's output with the logpoints' lines where they happened.

A command the engine refuses (a condition that does not compile, a line with no code, a line
past the end of the file) answers with the reason; for a line with no code it also offers the
same command on the nearest line with code (``Said.offer``), which the app puts in the eval
box, so that Enter accepts it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.content import Content

from vm.debugger import Breakpoint, BreakpointError, Debugger, FunctionView, LogLine

_LINE = re.compile(r"(\d+)(?:\s+hits\s+((?:==|>=|>|%)?\s*\d+))?(?:\s+if\s+(.+))?", re.DOTALL)
_LOG = re.compile(r"(\d+)\s+(?:\"(.*)\"|'(.*)'|(.+))", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

HELP = (":break LINE [hits N] [if EXPR]  break on a line of this chunk (on the Nth hit: N, >= N, "
        "% N; when EXPR is true)\n"
        ":log LINE \"text {EXPR}\"  write the text with EXPR's value each time the line runs, "
        "without stopping\n"
        ":break NAME  break on entry to a function called NAME\n"
        ":break  list the breakpoints with their hits    :clear [LINE]  remove them (on LINE)\n"
        ":errors  also stop on errors that pcall catches (toggle)")


@dataclass(frozen=True, slots=True)
class Said:
    """The answer to a command: its text, whether it was refused, and a command to offer."""

    text: str
    refused: bool = False
    offer: str | None = None

    def content(self) -> Content:
        return Content.styled(self.text, "$error") if self.refused else Content(self.text)


def run_command(d: Debugger, text: str, chunk: bytes | None) -> Said:
    """Do a breakpoint command typed in the eval box."""
    name, _, arg = text[1:].strip().partition(" ")
    arg = arg.strip()
    if name == "break" and not arg:
        return Said(describe(d) or "no breakpoints")
    if name == "break":
        m = _LINE.fullmatch(arg)
        if m is not None:
            line = int(m.group(1))
            hits = " ".join(m.group(2).split()) if m.group(2) else None
            cond = m.group(3).strip() if m.group(3) else None
            bp = Breakpoint(line=line, source=chunk, hits=hits,
                            condition=cond.encode("utf-8", "surrogateescape") if cond else None)
            return _add(d, bp, text, m.start(1), m.end(1))
        if _NAME.fullmatch(arg):
            return _add(d, Breakpoint(function=arg.encode()), text, 0, 0)
        return Said(f"not a line or a function name: {arg}\n{HELP}", refused=True)
    if name == "log":
        m = _LOG.fullmatch(arg)
        if m is None:
            return Said(f':log LINE "text {{expression}}", not {arg!r}', refused=True)
        message = next(g for g in m.groups()[1:] if g is not None)
        bp = Breakpoint(line=int(m.group(1)), source=chunk,
                        log=message.encode("utf-8", "surrogateescape"))
        return _add(d, bp, text, m.start(1), m.end(1))
    if name == "clear":
        if arg.isdigit():
            gone = [bp for bp in d.breakpoints if bp.line == int(arg)]
            for bp in gone:
                d.remove_breakpoint(bp)
            return Said(f"{len(gone)} breakpoint(s) removed from line {arg}")
        n = len(d.breakpoints)
        for bp in list(d.breakpoints):
            d.remove_breakpoint(bp)
        return Said(f"{n} breakpoint(s) removed")
    if name == "errors":
        d.break_on_caught_errors = not d.break_on_caught_errors
        return Said("stopping on every error" if d.break_on_caught_errors
                    else "stopping on uncaught errors only")
    return Said(HELP)


def _add(d: Debugger, bp: Breakpoint, text: str, start: int, end: int) -> Said:
    """Set bp; refused, say why and offer the command on the nearest line with code."""
    try:
        d.add_breakpoint(bp)
    except BreakpointError as exc:
        offer = None
        if exc.nearest is not None:
            name, _, arg = text[1:].strip().partition(" ")
            arg = arg.strip()
            offer = f":{name} {arg[:start]}{exc.nearest}{arg[end:]}"
            return Said(f"{exc}: Enter sets it there ({offer})", refused=True, offer=offer)
        return Said(str(exc), refused=True)
    return Said(f"{what(bp)} set")


def toggle_line(d: Debugger, line: int, chunk: bytes) -> Said:
    """``b`` on a source line: set or clear a plain breakpoint there."""
    try:
        on = d.toggle_line_breakpoint(line, chunk)
    except BreakpointError as exc:
        if exc.nearest is not None:
            offer = f":break {exc.nearest}"
            return Said(f"{exc}: Enter in the eval box sets it there ({offer})", refused=True,
                        offer=offer)
        return Said(str(exc), refused=True)
    return Said(f"breakpoint {'set on' if on else 'cleared from'} line {line}")


def toggle_pc(d: Debugger, fn: FunctionView, pc: int) -> bool:
    """Set or clear a breakpoint on instruction ``pc`` of ``fn``; True when one is now set."""
    for bp in d.breakpoints:
        if bp.pc == pc and bp.source == fn.source and bp.linedefined == fn.linedefined:
            d.remove_breakpoint(bp)
            return False
    d.add_breakpoint(Breakpoint(pc=pc, source=fn.source, linedefined=fn.linedefined))
    return True


def line_marks(d: Debugger) -> frozenset[tuple[bytes | None, int]]:
    return frozenset((bp.source, bp.line) for bp in d.breakpoints if bp.line is not None)


def pc_marks(d: Debugger, fn: FunctionView | None) -> frozenset[int]:
    if fn is None:
        return frozenset()
    return frozenset(bp.pc for bp in d.breakpoints if bp.pc is not None and bp.source == fn.source
                     and bp.linedefined == fn.linedefined)


def what(bp: Breakpoint) -> str:
    """A breakpoint in words: ``logpoint on line 12: "i = {i}"``, ``breakpoint on line 4 (hits
    >= 3) if x > 1``."""
    if bp.line is not None:
        where = f"line {bp.line}"
    elif bp.pc is not None:
        where = f"instruction {bp.pc + 1} of the function at line {bp.linedefined}"
    else:
        where = f"entry to {(bp.function or b'?').decode('utf-8', 'replace')}"
    if bp.log is not None:
        out = f'logpoint on {where}: "{bp.log.decode("utf-8", "replace")}"'
    else:
        out = f"breakpoint on {where}"
    if bp.hits is not None:
        out += f" (hits {bp.hits})"
    if bp.condition:
        out += f" if {bp.condition.decode('utf-8', 'replace')}"
    return out


def describe(d: Debugger) -> str:
    """The breakpoint list, each with how many times it was hit so far."""
    out = []
    for bp in d.breakpoints:
        n = d.hit_count(bp)
        out.append(f"{what(bp)}  ·  hit {n} time{'' if n == 1 else 's'}")
    if d.break_on_caught_errors:
        out.append("every error (caught ones too)")
    return "\n".join(out)


def output_with_log(output: bytes, log: tuple[LogLine, ...], keep_lines: int) -> Content:
    """The program's output with each logpoint line on a line of its own where it was written,
    in the muted style; only the last ``keep_lines`` lines."""
    if not output and not log:
        return Content.styled("(no output yet)", "$text-muted")
    parts: list[Content | str] = []
    at = 0
    open_line = False  # the output shown so far ends in the middle of a line
    for entry in log:
        cut = min(entry.offset, len(output))
        if cut > at:
            piece = output[at:cut].decode("utf-8", "replace")
            parts.append(piece)
            open_line = not piece.endswith("\n")
            at = cut
        if open_line:
            parts.append("\n")
            open_line = False
        parts.append(Content.styled(f"▸ {entry.text}", "italic $text-muted"))
        parts.append("\n")
    parts.append(output[at:].decode("utf-8", "replace"))
    text = Content.assemble(*parts)
    lines = text.split("\n", allow_blank=True)
    if len(lines) > keep_lines:
        text = Content("\n").join(lines[-keep_lines:])
    return text
