"""Breakpoints as traps: the pcs where a breakpoint can hold, watched by the interpreter.

For each prototype the debugger knows (every one loaded before it started, and each one the
program loads while it runs: ``function.on_prototype``), the traps are the pcs where something
can happen: the pcs of a breakpoint's line where a line event can fire (vm/debugger/flow.py),
an instruction breakpoint's pc, pc 0 for function breakpoints, plus the pcs that must leave a
mark for those (a quiet way into an ambiguous line start, a jump back to pc 0). Everywhere else
the program runs at full speed; at a trap the interpreter calls the pc's check (function.py's
Trap), which decides in Python.

A check knows the position of the instruction it guards (the debugger's ``_advance`` gives
``end``, the position the running slice would end at, and the interpreter the budget left; in
a thread with a debug hook, which runs one instruction at a time, ``L.budget_beyond`` holds
the rest of the slice's budget).
Marks say how a pc was reached: a plain quiet predecessor (flow.PLAIN) marks the very next
position; one that may run other frames in between (a call, a metamethod) marks its frame,
and every way on from it clears that mark.

Modes: ``RUN`` (continue and the steps: a breakpoint that holds stops the program, except at
``pass_at``, the position the command started from), ``REPLAY`` (going back and forth in
history: breakpoints are counted and logpoints log, nothing stops), ``OFF`` (the debugger's own
evaluations: traps do nothing).
"""

from __future__ import annotations

from weakref import WeakSet

from vm.debugger import flow as _flow
from vm.debugger.breakpoints import Armed, LogLine
from vm.debugger.conditions import ConditionError
from vm.debugger.fastexpr import Slow
from vm.debugger.model import Breakpoint
from vm.runtime.function import LuaFunction, Prototype, successors

OFF, RUN, REPLAY = 0, 1, 2


class Site:
    """What watches one pc of one prototype."""

    __slots__ = ("line", "instruction", "entry", "quiet", "entry_jumps", "mark", "clear")

    def __init__(self) -> None:
        self.line: list[Armed] = []  # line breakpoints whose line starts here
        self.instruction: list[Armed] = []  # instruction breakpoints at this pc
        self.entry: list[Armed] = []  # function breakpoints (pc 0)
        self.quiet: frozenset[int] = frozenset()  # predecessors that reach it without a line event
        self.entry_jumps: frozenset[int] = frozenset()  # jumps back to pc 0
        self.mark = 0  # 1: mark the next position; 2: mark the frame (and the next position)
        self.clear = False  # a way on from a frame-marking pc


class Stopped:
    """Why a check stopped the program: the breakpoint, and a message (a failed condition)."""

    __slots__ = ("breakpoint", "message")

    def __init__(self, breakpoint: Breakpoint, message: str = "") -> None:
        self.breakpoint = breakpoint
        self.message = message


class Traps:
    """The debugger's traps (a composed part of the Debugger, ``d._traps``)."""

    def __init__(self, d) -> None:
        self.d = d
        self.protos: WeakSet[Prototype] = WeakSet()
        self.trapped: WeakSet[Prototype] = WeakSet()
        self.armed: dict[Breakpoint, Armed] = {}
        self.installed: tuple = ()
        self.mode = REPLAY
        self.end = 0
        self.pass_at = -1
        self.pass_frame = None  # the frame the command started in, and its pc (see passes)
        self.pass_pc = -1
        self.mark_pos = -1  # the position a plain quiet predecessor leads to ...
        self.mark_from = -1  # ... and its pc
        self.frame_marks: dict[object, int] = {}  # frame -> pc of its last marking predecessor
        self.stopped: Stopped | None = None
        self.logs: list[LogLine] = []
        self._logged: set[tuple[int, int]] = set()
        self.held: Prototype | None = None  # the prototype hold_frame trapped
        self.frame_stop = False  # its trap stopped the advance

    # --- prototypes -------------------------------------------------------------------------

    def adopt_existing(self, L, fn: object = None) -> None:
        """Know every prototype of the closures the heap holds, of the function to debug and
        of the running frames (and their nested ones)."""
        for obj in (*L.heap.objects, fn, *(f.cl for f in L.frames)):
            if obj.__class__ is LuaFunction:
                self.adopt(obj.p)  # type: ignore[attr-defined]

    def adopt(self, p: Prototype) -> None:
        """A prototype to watch (``function.on_prototype`` while the debugger runs code)."""
        stack = [p]
        while stack:
            q = stack.pop()
            if q in self.protos:
                continue
            self.protos.add(q)
            if self.armed:
                self._install(q)
            stack.extend(q.protos)

    def lines_with_code(self, source: bytes | None) -> frozenset[int]:
        lines: set[int] = set()
        for p in list(self.protos):
            if source is None or p.proto.source == source:
                lines.update(ln for ln in p.proto.lineinfo if ln > 0)
        return frozenset(lines)

    # --- installing -------------------------------------------------------------------------

    def sync(self, breakpoints: list[Breakpoint]) -> None:
        """Make the traps match the breakpoints (a no-op when they already do)."""
        now = tuple(breakpoints)
        if now == self.installed:
            return
        self.installed = now
        armed = {}
        for bp in now:
            armed[bp] = self.armed.get(bp) or Armed(bp)
        self.armed = armed
        self.stopped = None
        for p in list(self.trapped):
            p.set_traps({})
        self.trapped = WeakSet()
        if armed:
            for p in list(self.protos):
                self._install(p)

    def hold_frame(self, frame, pcs) -> None:
        """While a step rule runs over a call (control.py's _run_over): stop a running advance
        just before ``frame`` runs its next instruction, one of ``pcs`` (where a call made from
        it comes back: function.successors). Traps on those pcs of its prototype, beside its
        breakpoints' (which judge any other frame, and this one once it has stopped here);
        ``frame_stop`` says it stopped. Until release_frame()."""
        p = frame.cl.p
        checks = {pc: self._check(p, pc, site) for pc, site in self._sites(p).items()} \
            if self.armed else {}
        for pc in pcs:
            checks[pc] = self._frame_check(frame, checks.get(pc))
        self.frame_stop = False
        self.held = p
        p.set_traps(checks)

    def _frame_check(self, frame, inner):
        traps = self

        def check(L, f, budget):
            if f is frame and traps.mode == RUN:
                traps.frame_stop = True
                return True
            return inner(L, f, budget) if inner is not None else False
        return check

    def release_frame(self) -> None:
        """The prototype held by hold_frame gets its breakpoints' traps back (or none)."""
        p = self.held
        if p is None:
            return
        self.held = None
        self.frame_stop = False
        sites = self._sites(p) if self.armed else {}
        p.set_traps({pc: self._check(p, pc, site) for pc, site in sites.items()})
        if sites:
            self.trapped.add(p)

    def remove_all(self) -> None:
        """No traps anywhere (the debugger closes)."""
        for p in list(self.trapped):
            p.set_traps({})
        self.trapped = WeakSet()
        self.installed = ()

    def _install(self, p: Prototype) -> None:
        sites = self._sites(p)
        if not sites:
            return
        p.set_traps({pc: self._check(p, pc, site) for pc, site in sites.items()})
        self.trapped.add(p)

    def _sites(self, p: Prototype) -> dict[int, Site]:
        code = p.decoded
        if not code:
            return {}
        proto = p.proto
        fl = _flow.flow(p)
        sites: dict[int, Site] = {}

        def site(pc: int) -> Site:
            s = sites.get(pc)
            if s is None:
                s = sites[pc] = Site()
            return s

        def marking(q: int, targets: frozenset[int]) -> None:
            s = site(q)
            if code[q][0] in _flow.PLAIN:
                s.mark = max(s.mark, 1)
                return
            s.mark = 2
            for nxt in successors(code, q):
                if 0 <= nxt < len(code) and nxt not in targets:
                    site(nxt).clear = True

        for a in self.armed.values():
            bp = a.bp
            if bp.source is not None and bp.source != proto.source:
                continue
            if bp.pc is not None:
                if (bp.linedefined is None or bp.linedefined == proto.linedefined) and bp.pc < len(code):
                    site(bp.pc).instruction.append(a)
            elif bp.line is not None:
                for pc in fl.line_pcs(proto.lineinfo, bp.line):
                    s = site(pc)
                    s.line.append(a)
                    if fl.kind[pc] == _flow.AMBIGUOUS:
                        s.quiet = fl.quiet[pc]
                        for q in fl.quiet[pc]:
                            marking(q, frozenset(x for x in successors(code, q) if x == pc))
            elif bp.function is not None:
                s = site(0)
                s.entry.append(a)
                jumps = frozenset(_flow.entry_jumps(p))
                s.entry_jumps = jumps
                for q in jumps:
                    marking(q, frozenset((0,)))
        return sites

    # --- the check at a trap ----------------------------------------------------------------

    def _check(self, p: Prototype, pc: int, s: Site):
        """The function the interpreter calls at this trap (see function.Trap)."""
        traps = self
        line, instruction, entry = tuple(s.line), tuple(s.instruction), tuple(s.entry)
        quiet, entry_jumps = s.quiet, s.entry_jumps
        listening = bool(quiet or entry_jumps)
        mark, clear = s.mark, s.clear
        key = (id(p), pc)
        simple = not listening and not mark and not clear and not instruction and not entry

        if simple and len(line) == 1 and line[0].problem is None:
            return self._check_one(line[0], key, p, pc)
        if simple:  # line breakpoints on a line that starts here
            def check(L, f, budget):
                if traps.mode == OFF:
                    return False
                pos = traps.end - budget - L.budget_beyond - 1
                if traps.mode == RUN and traps.passes(f, pc, pos):
                    return False
                for a in line:
                    if traps._holds(a, key, p, pc, L, f, pos):
                        return traps.mode == RUN
                return False
            return check

        def check(L, f, budget):
            if traps.mode == OFF:
                return False
            pos = traps.end - budget - L.budget_beyond - 1
            came = -1  # the predecessor this arrival comes from, when a mark says
            if listening:
                if pos == traps.mark_pos:
                    came = traps.mark_from
                    traps.frame_marks.pop(f, None)
                elif traps.frame_marks:
                    came = traps.frame_marks.pop(f, -1)
            elif clear and traps.frame_marks:
                traps.frame_marks.pop(f, None)
            if mark:
                traps.mark_pos = pos + 1
                traps.mark_from = pc
                if mark == 2:
                    traps.frame_marks[f] = pc
            if traps.mode == RUN and traps.passes(f, pc, pos):
                return False
            stop = False
            if line and came not in quiet:
                for a in line:
                    if traps._holds(a, key, p, pc, L, f, pos):
                        stop = True
                        break
            if not stop:
                for a in instruction:
                    if traps._holds(a, key, p, pc, L, f, pos):
                        stop = True
                        break
            if not stop and entry and came not in entry_jumps:
                name = traps.d._called(f)
                for a in entry:
                    if a.bp.function == name and traps._holds(a, key, p, pc, L, f, pos):
                        stop = True
                        break
            return stop and traps.mode == RUN
        return check

    def start_at(self, position: int, frame) -> None:
        """A command starts at ``position`` with ``frame`` about to run (None: nothing to pass,
        an error to carry on from): the breakpoint it stopped at does not stop it again."""
        self.pass_at = position
        self.pass_frame = frame
        self.pass_pc = -1 if frame is None or frame.cl is None else frame.pc

    def passes(self, f, pc: int, pos: int) -> bool:
        """Is this arrival the instruction the command starts at? At its position; or, in a
        thread with a debug hook (whose calls run first, so the position has moved on), the
        first arrival of that frame at that pc."""
        if pos == self.pass_at:
            self.pass_frame = None
            return True
        if f is self.pass_frame and pc == self.pass_pc:
            self.pass_frame = None
            return True
        return False

    def _check_one(self, a: Armed, key: tuple, p: Prototype, pc: int):
        """The check of a trap watched by one line breakpoint (the common case): as the
        general check, with the condition's Python translation and the hit count taken inline,
        so that an arrival where the breakpoint does not hold (the hot loop's case) costs one
        call; when it holds, or the translation cannot decide, _holds judges as always (the
        translation has no effects and a hit is noted once per position: doing either twice
        changes nothing)."""
        traps = self
        hit = a.hit
        fast = None  # the translation, once bound (at the first arrival, as _holds binds)
        bound_yet = a.condition is None

        def check(L, f, budget):
            nonlocal fast, bound_yet
            if traps.mode == OFF:
                return False
            holds = a.condition is None  # the condition's verdict, when known to hold
            if not bound_yet:
                bound = a.sites.get(key)
                if bound is None:
                    bound = a.sites[key] = a.bind(p, pc)
                fast = bound[0].fast
                bound_yet = True
            if fast is not None:
                try:
                    v = fast(f.R, f.cl.upvals, f.cl.env)
                except Slow:
                    pass
                else:
                    if v is None or v is False:
                        return False
                    holds = True
            pos = traps.end - budget - L.budget_beyond - 1
            if traps.mode == RUN and traps.passes(f, pc, pos):
                return False
            if holds and hit is not None and not hit.holds(a.hit_at(pos)):
                return False
            # (traps._holds read here: a reverse continue puts a noting one in its place)
            return traps._holds(a, key, p, pc, L, f, pos) and traps.mode == RUN
        return check

    def _holds(self, a: Armed, key: tuple, p: Prototype, pc: int, L, f, pos: int) -> bool:
        """Does breakpoint ``a`` hold here? Counts the hit and logs a logpoint's line; running,
        notes in ``stopped`` why it stops the program (a condition that fails stops it too)."""
        bound = a.sites.get(key)
        if bound is None:
            bound = a.sites[key] = a.bind(p, pc)
        if a.problem is not None:
            return self._stop(a.bp, a.problem)
        cond = bound[0]
        if cond is not None:
            ok = None
            fast = cond.fast
            if fast is not None:
                try:
                    v = fast(f.R, f.cl.upvals, f.cl.env)
                    ok = v is not None and v is not False
                except Slow:
                    pass
            if ok is None:
                saved = self.mode
                self.mode = OFF
                failed = None
                try:
                    ok = cond.truth(L, f)
                except ConditionError as exc:
                    failed = f"the breakpoint's condition failed: {exc}"
                finally:
                    self.mode = saved
                if failed is not None:
                    return self._stop(a.bp, failed)
            if not ok:
                return False
        count = a.hit_at(pos)
        if a.hit is not None and not a.hit.holds(count):
            return False
        if a.message is not None:
            if (pos, id(a)) not in self._logged:
                self._logged.add((pos, id(a)))
                saved = self.mode
                self.mode = OFF
                try:
                    text = a.message.render(L, bound[1], f)
                except ConditionError as exc:
                    text = f"(the log message failed: {exc})"
                finally:
                    self.mode = saved
                self._log(LogLine(pos, self.d.w.L.out.size(), text, a.bp))
            return False
        return self._stop(a.bp)

    def _stop(self, bp: Breakpoint, message: str = "") -> bool:
        if self.mode == RUN:
            self.stopped = Stopped(bp, message)
        return True

    def _log(self, line: LogLine) -> None:
        logs = self.logs
        if not logs or logs[-1].position <= line.position:
            logs.append(line)
            return
        i = len(logs)
        while i > 0 and logs[i - 1].position > line.position:
            i -= 1
        logs.insert(i, line)

    # --- history ----------------------------------------------------------------------------

    def forget_after(self, pos: int) -> None:
        """An evaluation at pos changed the future: hits and log lines after it are gone."""
        for a in self.armed.values():
            a.forget_after(pos)
        self.logs = [x for x in self.logs if x.position <= pos]
        self._logged = {k for k in self._logged if k[0] <= pos}

    def restart(self) -> None:
        for a in self.armed.values():
            a.forget_after(-1)
        self.logs = []
        self._logged = set()
        self.frame_marks.clear()

