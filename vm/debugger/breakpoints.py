"""Breakpoints: setting them (checked at once), what each one holds (its condition, hit
condition and log message, compiled once), and what it has done in this run (its hits, the
lines it logged).

A breakpoint is a ``Breakpoint`` record (model.py). ``add_breakpoint`` refuses one that could
never work, with the compiler's message or the reason in words: a condition or a log message
that does not compile, a hit condition it cannot read, a line with no code (naming the nearest
line that has some: ``BreakpointError.nearest``), a line past the end of the file. A breakpoint
put straight into ``Debugger.breakpoints`` is taken as it is; if its condition cannot compile,
it stops there with the message.

Hits are positions of the run, so they go back in time with it: ``hit_count(bp)`` counts the
hits up to the current position (a breakpoint is hit when its place is reached and its
condition holds), whichever way the program got there. ``log_lines()`` are the lines logpoints
wrote up to now, each with the position and the length of the program's output at that moment,
so a front end can show them where they happened.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from vm.debugger.conditions import Expression, LogMessage
from vm.debugger.model import Breakpoint
from vm.errors import LoadError

_HITS = re.compile(r"\s*(==|>=|>|%)?\s*(\d+)\s*")


class BreakpointError(ValueError):
    """A breakpoint refused, with the reason; ``nearest``: the line with code closest to a line
    that has none (None otherwise), for a front end to offer instead."""

    def __init__(self, message: str, nearest: int | None = None) -> None:
        super().__init__(message)
        self.nearest = nearest


@dataclass(frozen=True, slots=True)
class HitCondition:
    """When a hit stops: the Nth (``== N``, written ``N`` too), from the Nth on (``>= N``),
    after the Nth (``> N``), every Nth (``% N``)."""

    op: str
    n: int

    @staticmethod
    def parse(text: str) -> HitCondition:
        m = _HITS.fullmatch(text)
        if m is None or (m.group(1) == "%" and int(m.group(2)) == 0):
            raise BreakpointError(f"hit condition {text.strip()!r}: expected N, == N, >= N, > N "
                                  "or % N (N a positive whole number)")
        return HitCondition(m.group(1) or "==", int(m.group(2)))

    def holds(self, count: int) -> bool:
        op, n = self.op, self.n
        if op == "==":
            return count == n
        if op == ">=":
            return count >= n
        if op == ">":
            return count > n
        return count % n == 0

    def __str__(self) -> str:
        return f"{self.n}" if self.op == "==" else f"{self.op} {self.n}"


@dataclass(frozen=True, slots=True)
class LogLine:
    """A line a logpoint wrote: at ``position``, when the program's output was ``offset``
    bytes long. The debugger's own notes (the program read past the end of its input) have
    position -1 and no breakpoint."""

    position: int
    offset: int
    text: str
    breakpoint: Breakpoint | None


class Armed:
    """A breakpoint ready for the traps: its compiled parts (``problem`` says why one did not
    compile) and its hits, positions in increasing order."""

    __slots__ = ("bp", "condition", "hit", "message", "problem", "hits", "sites")

    def __init__(self, bp: Breakpoint) -> None:
        self.bp = bp
        self.condition: Expression | None = None
        self.hit: HitCondition | None = None
        self.message: LogMessage | None = None
        self.problem: str | None = None
        self.hits = array("q")
        self.sites: dict[tuple[int, int], tuple] = {}  # (id(prototype), pc) -> bound parts
        try:
            self.condition, self.hit, self.message = compile_parts(bp)
        except BreakpointError as exc:
            self.problem = str(exc)

    def bind(self, p, pc: int) -> tuple:
        """(condition, log message's expressions) bound to a pc of a prototype."""
        if self.problem is not None:
            return (None, None)
        cond = self.condition.at(p, pc) if self.condition is not None else None
        expr = self.message.expr if self.message is not None else None
        return cond, expr.at(p, pc) if expr is not None else None

    def hit_at(self, pos: int) -> int:
        """Note a hit at ``pos`` (once); the hit count there."""
        hits = self.hits
        if not hits or pos > hits[-1]:
            hits.append(pos)
            return len(hits)
        i = bisect_left(hits, pos)
        if i == len(hits) or hits[i] != pos:
            hits.insert(i, pos)
        return i + 1

    def count_at(self, pos: int) -> int:
        return bisect_right(self.hits, pos)

    def forget_after(self, pos: int) -> None:
        del self.hits[bisect_right(self.hits, pos):]


def compile_parts(bp: Breakpoint) -> tuple:
    """(condition, hit condition, log message) of a breakpoint, compiled; BreakpointError."""
    try:
        cond = Expression(bp.condition) if bp.condition is not None else None
        msg = LogMessage(bp.log) if bp.log is not None else None
    except LoadError as exc:
        raise BreakpointError(exc.msg.decode("utf-8", "replace")) from None
    hit = HitCondition.parse(bp.hits) if bp.hits is not None else None
    return cond, hit, msg


class Breakpoints:
    """The Debugger's breakpoint commands (a part of its class). For front ends and the debug
    adapter (setBreakpoints: condition, hitCondition, logMessage; setInstructionBreakpoints;
    setFunctionBreakpoints)."""

    def add_breakpoint(self, bp: Breakpoint) -> Breakpoint:
        """Set a breakpoint after checking it (see the module docstring); BreakpointError when
        it is refused. Setting one that is already set changes nothing."""
        compile_parts(bp)
        if bp.line is not None:
            self._check_line(bp.line, bp.source)
        if bp.pc is not None and bp.pc < 0:
            raise BreakpointError(f"no instruction {bp.pc + 1}")
        if bp not in self.breakpoints:
            self.breakpoints.append(bp)
            self._traps.sync(self.breakpoints)
        return bp

    def remove_breakpoint(self, bp: Breakpoint) -> bool:
        """Clear a breakpoint; False when it was not set."""
        if bp in self.breakpoints:
            self.breakpoints.remove(bp)
            self._traps.sync(self.breakpoints)
            return True
        return False

    def toggle_line_breakpoint(self, line: int, source: bytes | None = None) -> bool:
        """Set or clear a plain breakpoint on a line; True when one is now set. Setting is
        checked as ``add_breakpoint`` checks it (BreakpointError)."""
        for bp in self.breakpoints:
            if bp.line == line and bp.source == source and bp.pc is None:
                self.remove_breakpoint(bp)
                return False
        self.add_breakpoint(Breakpoint(line=line, source=source))
        return True

    def hit_count(self, bp: Breakpoint) -> int:
        """How many times ``bp`` has been hit in this run, up to the current position."""
        armed = self._traps.armed.get(bp)
        return armed.count_at(self.w.position) if armed is not None else 0

    def log_lines(self) -> list[LogLine]:
        """What logpoints wrote up to the current position, in order, and the debugger's note
        when the program read past the end of its input (position -1, no breakpoint)."""
        here = self.w.position
        lines = [line for line in self._traps.logs if line.position <= here]
        stdin = self.w.L.stdin
        text = stdin.note() if hasattr(stdin, "note") else None
        if text is not None:
            offset = stdin.end_offset
            note = LogLine(-1, offset, text, None)
            at = len(lines)
            while at > 0 and lines[at - 1].offset > offset:
                at -= 1
            lines.insert(at, note)
        return lines

    def lines_with_code(self, source: bytes | None) -> frozenset[int]:
        """The lines of a chunk that have code (where a line breakpoint can stop), from the
        functions loaded so far; empty when none of that chunk is loaded."""
        return self._traps.lines_with_code(source)

    def _check_line(self, line: int, source: bytes | None) -> None:
        where = _chunk_label(source)
        if line < 1:
            raise BreakpointError(f"no line {line} in {where}")
        total = source_line_count(source)
        if total is not None and line > total:
            raise BreakpointError(f"line {line} is past the end of {where} ({total} lines)")
        code = self.lines_with_code(source)
        if not code or line in code:
            return  # nothing of that chunk loaded yet: it cannot be checked
        nearest = min(code, key=lambda ln: (abs(ln - line), ln < line))
        raise BreakpointError(f"line {line} of {where} has no code; the nearest line with code "
                              f"is {nearest}", nearest)


def source_line_count(source: bytes | None) -> int | None:
    """How many lines a chunk's source has, when it can be known (a file, or a string chunk
    whose name is its text)."""
    if source is None or source.startswith(b"="):
        return None
    if source.startswith(b"@"):
        try:
            data = Path(source[1:].decode("utf-8", "surrogateescape")).read_bytes()
        except OSError:
            return None
    else:
        data = source
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _chunk_label(source: bytes | None) -> str:
    if source is None:
        return "the program"
    from vm.chunkid import chunkid

    return chunkid(source).decode("utf-8", "replace")
