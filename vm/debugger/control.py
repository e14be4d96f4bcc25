"""Going forwards: step rules (instruction, line over and into calls, out), continue,
breakpoints (line, instruction, function entry, conditions), errors stopped before the stack
unwinds, pause from another thread."""

from __future__ import annotations

from vm.debugger.evaluation import SLICE
from vm.debugger.locations import line_event
from vm.debugger.model import Breakpoint, Stop, message
from vm.debugger.queries import WATCH_SLICE
from vm.debugger.watch import changed
from vm.errors import LimitError, LoadError, LuaError
from vm.runtime import track
from vm.runtime.frame import Frame
from vm.runtime.interp import run


class Control:
    """The Debugger's forward motion (a part of its class)."""

    def pause(self) -> None:
        """Stop a running continue() at the next instruction; safe from another thread."""
        self._pause.set()

    def request_stop(self, message: str) -> None:
        """Called by a library function while the program runs (redis.breakpoint): the command
        going on stops after this instruction, as at a breakpoint (exactly there when
        ``fine_stepping`` is on, else at the end of the running slice)."""
        self._stop_request = message

    @property
    def error_uncaught(self) -> bool:
        """Stopped on an error: True when nothing will catch it (no pcall, xpcall or
        coroutine resume between it and the debugged call), so carrying on ends the call."""
        return self.w.L.pending_error is not None and self._uncaught()

    def step_instruction(self) -> Stop:
        """Run one instruction."""
        w = self.w
        if w.done or w.L.pending_error is not None or self._pause.is_set():
            return self._go(lambda before, now: "step")  # stops after the first instruction
        # the same stop as _go's with that rule, without its per-iteration looks
        self._stop_request = None
        self._note_before()
        where = self._where()
        self._advance(1)
        self.last_step = where if not w.done else None
        if w.done:
            return Stop("done", w.position, self._end_message())
        err = w.L.pending_error
        if err is not None:
            return Stop("error", w.position, message(err))
        if self._stop_request is not None:
            stop = Stop("breakpoint", w.position, self._stop_request)
            self._stop_request = None
            return stop
        return Stop("step", w.position)

    def step_line(self) -> Stop:
        """Run to the next line of this function (over calls), or until it returns."""
        start = self._where()

        def stop(before, now):
            if now is None or start is None:
                return "return"
            if now[0] is start[0] and now[1] < start[1]:
                return "return"  # the function returned: stop in its caller
            if now[0] is not start[0] and len(start[0]) < start[1]:
                return "return"  # a coroutine's body returned: stop where it was resumed
            if now[2] is start[2] and line_event(before, now):
                return "line"
            return None  # deeper (a call, a coroutine): step over it

        return self._go(stop)

    def step_into(self) -> Stop:
        """Run to the next line in any function: into calls, out on returns."""

        def stop(before, now):
            if now is None:
                return "return"
            return "line" if line_event(before, now) else None

        return self._go(stop)

    def step_out(self) -> Stop:
        """Run until the current function returns to its caller."""
        start = self._where()

        def stop(before, now):
            if now is None or start is None:
                return "return"
            if now[0] is start[0] and now[1] < start[1]:
                return "return"
            if now[0] is not start[0] and len(start[0]) < start[1]:
                return "return"  # a coroutine's body returned: stop where it was resumed
            return None

        return self._go(stop)

    def continue_(self) -> Stop:
        """Run until a breakpoint, an error, the end, or pause()."""
        return self._go(None)

    def run_to_line(self, line: int, source: bytes | None = None) -> Stop:
        """Run until an instruction of ``line`` is about to run."""
        target = Breakpoint(line=line, source=source)
        self.breakpoints.append(target)
        try:
            return self._go(None)
        finally:
            self.breakpoints.remove(target)

    def toggle_line_breakpoint(self, line: int, source: bytes | None = None) -> bool:
        """Set or clear a breakpoint on a line; True when one is now set."""
        for bp in self.breakpoints:
            if bp.line == line and bp.source == source and bp.pc is None:
                self.breakpoints.remove(bp)
                return False
        self.breakpoints.append(Breakpoint(line=line, source=source))
        return True

    def _go(self, stop_rule) -> Stop:
        """Step until stop_rule(before, now) names a reason (None: never), or a breakpoint, an
        error, the end or a pause stops it. Locations: see _where."""
        w = self.w
        if w.done:
            self._pause.clear()
            return Stop("done", w.position, self._end_message())
        # a pause asked for after the caller started this command but before this line ran is
        # kept (clearing it here lost it, and a front end waiting for the stop waited forever);
        # one left from before is cleared when a command ends, below
        self._stop_request = None
        self._note_before()
        # with nothing to watch between instructions, run in slices at full speed
        stride = SLICE if (stop_rule is None and not self.breakpoints and not self.watches
                           and not self.fine_stepping) else 1
        watched = self._watch_values() if self.watches else None
        # watching only heap places (fields, globals, closed upvalues): slices too, each
        # checked through the journal (vm/debugger/queries.py)
        sliced = (stride == 1 and stop_rule is None and not self.breakpoints
                  and not self.fine_stepping and self._watches_sliceable())
        if sliced:
            stride = WATCH_SLICE
        where = self._where()
        carry_on = w.L.pending_error is not None  # stopped on an error: first it unwinds
        while True:
            if self._pause.is_set():
                self._pause.clear()
                result = Stop("paused", w.position)
                break
            if carry_on:
                with self._active():
                    self._unwind()
                carry_on = False
            elif sliced:
                start = self._watch_slice_start()
                self._advance(stride)
                hit = self._watch_slice_end(start, watched)
                if hit is not None:
                    result = hit
                    break
            else:
                self._advance(stride)
            if w.done:
                result = Stop("done", w.position, self._end_message())
                break
            err = w.L.pending_error
            if err is not None:
                result = Stop("error", w.position, message(err))
                break
            if self._stop_request is not None:
                result = Stop("breakpoint", w.position, self._stop_request)
                self._stop_request = None
                break
            if watched is not None:
                values = self._watch_values()
                labels = changed(self.watches, values, watched)
                watched = values
                if labels:
                    result = Stop("watchpoint", w.position, f"{', '.join(labels)} changed")
                    break
            now = self._where()
            reason = stop_rule(where, now) if stop_rule is not None else None
            if reason is not None:
                result = Stop(reason, w.position)
                break
            bp = self._breakpoint_at(where, now)
            if bp is not None:
                result = Stop("breakpoint", w.position, breakpoint=bp)
                break
            where = now
        # the instruction the command ran last (known when it went one instruction at a time)
        self.last_step = where if stride == 1 and result.reason not in ("paused", "done") else None
        self._pause.clear()  # a pause that came as the command ended for another reason
        return result

    def _advance(self, n: int) -> None:
        """Run up to n instructions forward (replaying evaluations and taking checkpoints on
        the way); an error stays pending when it should stop the user, else it unwinds."""
        w = self.w
        L = w.L
        with self._active():
            if L.pending_error is not None:
                self._unwind()
                if w.done:
                    return
            if self._evals:
                n = self._until_eval(n)
            L.budget = n
            try:
                w.done = run(L, w.base + 1, w.home)
            except LuaError as err:  # pragma: no cover - error_stop keeps errors pending
                self._fail(err)
                return
            finally:
                ran = n - max(L.budget, 0)
                w.position += ran
            if w.done:
                self._finish()
                return
            if w.position - self._last_checkpoint >= self._interval:
                self._checkpoint()  # before the evaluations logged at this position
            if self._evals:
                self._apply_evals()
            err = L.pending_error
            if err is not None:
                if self._uncaught() or self.break_on_caught_errors:
                    self._error_stops.add(w.position)
                else:
                    self._unwind()

    def _unwind(self) -> None:
        w = self.w
        L = w.L
        err = L.pending_error
        if self.on_uncaught is not None and err is not None and self._uncaught():
            self.on_uncaught(L, err)
        L.pending_error = None
        try:
            L.unwind(err, w.base + 1, w.home)  # type: ignore[arg-type]
        except LuaError as uncaught:
            self._fail(uncaught)
            return
        if len(w.home) <= w.base + 1 and L.frames is w.home:
            self._finish()

    def _uncaught(self) -> bool:
        """Would the pending error end the debugged call? (No pcall, xpcall or coroutine
        between the failing frame and the call.)"""
        w = self.w
        L = w.L
        if L.frames is not w.home:
            return False  # inside a coroutine: its resume returns the error
        for f in reversed(L.frames[w.base + 1:]):
            if f.builtin is not None and f.builtin.protects:
                return False
        return True

    def _finish(self) -> None:
        w = self.w
        w.done = True
        w.results = w.holder.R[0:w.holder.top]
        del w.home[w.base:]

    def _fail(self, err: LuaError) -> None:
        w = self.w
        w.done = True
        w.failure = err
        del w.home[w.base:]
        w.L.frames = w.L.main.frames
        w.L.current = w.L.main

    def _end_message(self) -> str:
        if self.w.failure is not None:
            return message(self.w.failure)
        return "the program has finished"

    def _where(self) -> tuple | None:
        """Where the next instruction is: (frame list, depth, frame, pc, line)."""
        w = self.w
        if w.done:
            return None
        frames = w.L.frames
        f = frames[-1] if frames else None
        if f is None or f.cl is None:
            return (frames, len(frames), f, -1, -1)
        lineinfo = f.cl.p.proto.lineinfo
        pc = f.pc
        line = lineinfo[pc] if pc < len(lineinfo) else -1
        return (frames, len(frames), f, pc, line)

    def _breakpoint_at(self, before: tuple | None, now: tuple | None) -> Breakpoint | None:
        if not self.breakpoints or now is None or now[2] is None or now[2].cl is None:
            return None
        f = now[2]
        proto = f.cl.p.proto
        entering = now[3] == 0 and (before is None or before[2] is not f)
        new_line = line_event(before, now)
        for bp in self.breakpoints:
            if bp.source is not None and bp.source != proto.source:
                continue
            hit = False
            if bp.pc is not None:
                hit = now[3] == bp.pc and (bp.linedefined is None or bp.linedefined == proto.linedefined)
            elif bp.line is not None:
                hit = new_line and now[4] == bp.line
            elif bp.function is not None:
                hit = now[3] == 0 and entering and self._called(f) == bp.function
            if hit and (bp.condition is None or self._condition(bp.condition)):
                return bp
        return None

    def _called(self, f: Frame) -> bytes | None:
        from vm.runtime.errors import function_name

        frames = self.w.L.frames
        named = function_name(frames, len(frames) - 1) if frames and frames[-1] is f else None
        return named[1] if named else None

    def _condition(self, expr: bytes) -> bool:
        """A breakpoint's condition, evaluated without becoming part of the history: no
        handles given, the collector's accounting and the tape put back afterwards."""
        L = self.w.L
        heap = L.heap
        saved = (heap.debt, L.tape_pos, track.hook)
        track.hook = None
        try:
            values = self._run_eval(self._compile(b"return " + expr), 0)
            return bool(values) and values[0] is not None and values[0] is not False
        except (LuaError, LoadError, LimitError):
            return False
        finally:
            heap.debt, L.tape_pos, track.hook = saved
