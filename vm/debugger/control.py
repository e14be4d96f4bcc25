"""Going forwards: step rules (instruction, line over and into calls, out), continue,
errors stopped before the stack unwinds, pause from another thread. Breakpoints stop the run
through traps (vm/debugger/traps.py): a command runs at full speed between them."""

from __future__ import annotations

from vm.debugger.conditions import ConditionError
from vm.debugger.evaluation import SLICE
from vm.debugger.locations import line_event
from vm.debugger.model import Breakpoint, Stop, message
from vm.debugger.queries import WATCH_SLICE
from vm.debugger.traps import OFF, REPLAY, RUN
from vm.debugger.watch import changed
from vm.errors import LimitError, LuaError
from vm.lib.os import LuaExit
from vm.runtime import function, journal, track
from vm.runtime.frame import Frame
from vm.runtime.function import successors
from vm.runtime.interp import run

# the location "before" a frame that was not running: line_event then judges by the pc alone
_AWAY = (None, -1, None, -1, -1)
_UNKNOWN = object()


class Control:
    """The Debugger's forward motion (a part of its class)."""

    def pause(self) -> None:
        """Stop a running continue() at the next instruction; safe from another thread."""
        self._pausing = True

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
        """Run one instruction. The common case (a Lua frame on top, nothing pending, nothing
        running already) is the debugger's stepping rate (bench/step_rate.py): _go's stop with
        the rule "step" without its set-up, the fingerprint (views.py's ``_fingerprint``), the
        location (``_where``), the advance (``_advance``) and the Running context
        (tracking.py) taken inline; every other case goes through _go."""
        w = self.w
        L = w.L
        frames = L.frames
        f = frames[-1] if frames else None
        cl = None if f is None else f.cl
        active = self._running
        if (cl is None or w.done or L.pending_error is not None or self._pausing or self._evals
                or active.depth):
            return self._go(lambda before, now: "step")  # stops after the first instruction
        self._stop_request = None
        ups = []
        for c in cl.upvals:  # (a loop: a list comprehension costs a function call)
            ups.append(c.regs[c.idx])
        depth = len(frames)
        g = L.current.globals
        j = self._journal
        saved = j.saved
        self._changes = None
        if id(g) in saved:
            self._before = (f, f.R[:], ups, dict(g.hash), depth, None)
        else:
            self._before = (f, f.R[:], ups, None, depth, (saved, len(self._marks)))
        pc = f.pc
        lineinfo = cl.p.proto.lineinfo
        where = (frames, depth, f, pc, lineinfo[pc] if pc < len(lineinfo) else -1)
        # _advance(1) with Running.enter()/leave() at depth 0, inline
        active.depth = 1
        active.saved_proto = function.on_prototype
        function.on_prototype = active.adopt
        active.saved_hook = track.hook
        track.hook = active.hook
        if journal.active is not j:
            j.start()
        j.armed = True
        traps = self._traps
        pos = w.position
        try:
            L.budget = 1
            traps.end = pos + 1
            traps.mode = REPLAY
            ended = True
            try:
                w.done = run(L, w.base + 1, w.home)
                ended = False
            except LuaError as err:  # pragma: no cover - error_stop keeps errors pending
                self._fail(err)
            except LuaExit as leaving:  # os.exit: the program ends here
                self._exit(leaving.code)
            finally:
                left = L.budget
                self._trapped = False
                pos += 1 - (-1 - left if left < 0 else left)  # < 0: a trap stopped it
                w.position = pos
            if not ended and (w.done or pos - self._last_checkpoint >= self._interval
                              or L.pending_error is not None):
                self._after_advance()
        except Exception as exc:
            if not isinstance(exc, (LuaError, LuaExit)):  # a bug in ferrous: the run is over
                self._abandon_run(exc)
            raise
        finally:
            j.armed = False
            track.hook = active.saved_hook
            function.on_prototype = active.saved_proto
            active.depth = 0
        if w.done:
            self.last_step = None
            return Stop("done", w.position, self._end_message())
        self.last_step = where
        err = L.pending_error
        if err is not None:
            return Stop("error", pos, message(err))
        if self._stop_request is not None:
            stop = Stop("breakpoint", pos, self._stop_request)
            self._stop_request = None
            return stop
        return Stop("step", pos)

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

        return self._go(stop, over=start)

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

        return self._go(stop, over=start)

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

    def _go(self, stop_rule, over: tuple | None = None) -> Stop:
        """Step until stop_rule(before, now) names a reason (None: never), or a breakpoint, an
        error, the end or a pause stops it. Locations: see _where. Breakpoints are traps: they
        stop an advance where they hold, except at the position the command starts from.

        ``over``: the location the command starts from, for a rule that says nothing while
        that frame is not running (step over, step out): while a call it made runs, the
        command goes at full speed until the frame is about to run again (_run_over)."""
        w = self.w
        if w.done:
            self._pausing = False
            return Stop("done", w.position, self._end_message())
        # a pause asked for after the caller started this command but before this line ran is
        # kept (clearing it here lost it, and a front end waiting for the stop waited forever);
        # one left from before is cleared when a command ends, below
        self._stop_request = None
        self._note_before()
        traps = self._traps
        traps.sync(self.breakpoints)
        traps.stopped = None
        if w.L.pending_error is None:
            frames = w.L.frames
            traps.start_at(w.position, frames[-1] if frames else None)
        else:
            traps.start_at(-1, None)
        # with nothing to watch between instructions, run in slices at full speed
        stride = SLICE if (stop_rule is None and not self.watches and not self.fine_stepping) else 1
        watched = self._watch_values() if self.watches else None
        # watching only heap places (fields, globals, closed upvalues): slices too, each
        # checked through the journal (vm/debugger/queries.py)
        sliced = (stride == 1 and stop_rule is None and not self.fine_stepping
                  and self._watches_sliceable())
        if sliced:
            stride = WATCH_SLICE
        where = self._where()
        carry_on = w.L.pending_error is not None  # stopped on an error: first it unwinds
        f0 = over[2] if over is not None and stride == 1 and not sliced and not watched \
            and not self.fine_stepping else None
        if f0 is not None and f0.cl is None:
            f0 = None
        exact = True  # ``where`` is the location before the last instruction run
        prev: tuple | None | object = None  # the one before it (_UNKNOWN: not looked at)
        while True:
            ran_from = w.position
            if self._pausing:
                self._pausing = False
                result = Stop("paused", w.position)
                break
            if carry_on:
                with self._active():
                    self._unwind()
                carry_on = False
            elif sliced:
                start = self._watch_slice_start()
                self._advance(stride, running=True)
                stopped, traps.stopped = traps.stopped, None
                hit = self._watch_slice_end(start, watched)
                if hit is not None:
                    result = hit
                    break
                if stopped is not None:
                    result = Stop("breakpoint", w.position, stopped.message, stopped.breakpoint)
                    break
            else:
                self._advance(stride, running=True)
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
            stopped = traps.stopped
            if stopped is not None or self._trapped:
                traps.stopped = None
                if stopped is None:  # pragma: no cover - a trap that stops always says why
                    result = Stop("breakpoint", w.position)
                else:
                    result = Stop("breakpoint", w.position, stopped.message, stopped.breakpoint)
                if w.position == ran_from:  # stopped before its first instruction: the last
                    where = self._last_step_back() if prev is _UNKNOWN else prev  # was before
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
            if (f0 is not None and where is not None and where[2] is f0 and now is not None
                    and now[2] is not f0 and len(over[0]) >= over[1]  # type: ignore[index]
                    and over[0][over[1] - 1] is f0 and not self._hooked()):  # type: ignore[index]
                # f0 made a call (or yielded): on at full speed until it is about to run again
                stopped_over = self._run_over(f0, where[3], over)  # type: ignore[arg-type]
                if stopped_over is not None:
                    result = stopped_over
                    if result.reason in ("breakpoint", "error") and w.position > 0:
                        where = self._last_step_back()
                    else:
                        exact = False
                    break
                now = self._where()
                reason = stop_rule(_AWAY, now)
                if reason is not None:
                    result = Stop(reason, w.position)
                    where = self._last_step_back()
                    break
                prev, where = _UNKNOWN, now
                continue
            prev, where = where, now
        # the instruction the command ran last (known when it went one instruction at a time)
        self.last_step = where if (stride == 1 and exact
                                   and result.reason not in ("paused", "done")) else None
        self._pausing = False  # a pause that came as the command ended for another reason
        return result

    def _hooked(self) -> bool:
        """A debug hook set on some thread: its calls come before the instruction they hook,
        so a frame about to run again (a trap) is later than going one instruction at a time
        sees it: step over and out then go one instruction at a time."""
        L = self.w.L
        if L.current.hook is not None or L.main.hook is not None:
            return True
        return any(co.hook is not None for co in self._registry.coroutines)

    def _run_over(self, f0: Frame, pc: int, start: tuple) -> Stop | None:
        """_go's way over a call: frame f0 ran the instruction at ``pc`` and is not running
        now (a call it made runs, or its coroutine yielded). Run at full speed, as continue
        does, until f0 is about to run its next instruction (traps on the pcs it can go on
        at: traps.hold_frame): None then. A Stop when something else ends the command first
        (a breakpoint, an error, the end, a pause)."""
        w = self.w
        traps = self._traps
        traps.hold_frame(f0, successors(f0.cl.p.decoded, pc))  # type: ignore[union-attr]
        try:
            while True:
                if self._pausing:
                    self._pausing = False
                    return Stop("paused", w.position)
                self._advance(SLICE, running=True)
                if w.done:
                    return Stop("done", w.position, self._end_message())
                err = w.L.pending_error
                if err is not None:
                    return Stop("error", w.position, message(err))
                if self._stop_request is not None:
                    stop = Stop("breakpoint", w.position, self._stop_request)
                    self._stop_request = None
                    return stop
                if traps.frame_stop:
                    traps.stopped = None
                    return None
                stopped = traps.stopped
                if stopped is not None or self._trapped:
                    traps.stopped = None
                    if stopped is None:  # pragma: no cover - a trap that stops always says why
                        return Stop("breakpoint", w.position)
                    return Stop("breakpoint", w.position, stopped.message, stopped.breakpoint)
                frames, depth = start[0], start[1]
                if len(frames) < depth or frames[depth - 1] is not f0:  # pragma: no cover
                    return None  # gone without running again: cannot be, but judge it anyway
        finally:
            traps.release_frame()

    def _last_step_back(self) -> tuple | None:
        """The location before the last instruction run, when the command went on at full
        speed up to it (_run_over): found by going back one instruction and forward again (a
        replay goes through the states the run went through). ``changes`` stays the
        command's."""
        changes = self.changes
        self._restore(self.w.position - 1)
        where = self._where()
        self._advance(1)
        self._changes, self._before = changes, None
        return where

    def _advance(self, n: int, running: bool = False) -> None:
        """Run up to n instructions forward (replaying evaluations and taking checkpoints on
        the way); an error stays pending when it should stop the user, else it unwinds.
        ``running``: a command going forwards, which breakpoints stop (a trap that holds
        ends the advance early, ``_traps.stopped`` saying why); else a replay, which they
        do not stop. Called once per instruction when stepping: the rare cases (an error
        pending, an evaluation logged, the end, a mark due) leave the straight path."""
        active = self._running
        active.enter()
        try:
            self._advance_on(n, running)
        except Exception as exc:
            if not isinstance(exc, (LuaError, LuaExit)):  # a bug in ferrous: the run is over
                self._abandon_run(exc)
            raise
        finally:
            active.leave()

    def _advance_on(self, n: int, running: bool) -> None:
        """The body of _advance."""
        w = self.w
        L = w.L
        traps = self._traps
        if L.pending_error is not None or self._evals:
            if L.pending_error is not None:
                self._unwind()
                if w.done:
                    return
            n = self._until_eval(n)
        L.budget = n
        pos = w.position
        traps.end = pos + n
        traps.mode = RUN if running else REPLAY
        try:
            w.done = run(L, w.base + 1, w.home)
        except LuaError as err:  # pragma: no cover - error_stop keeps errors pending
            self._fail(err)
            return
        except LuaExit as leaving:  # os.exit: the program ends here
            self._exit(leaving.code)
            return
        finally:
            traps.mode = REPLAY
            left = L.budget
            self._trapped = running and left < 0
            pos += n - (-1 - left if left < 0 else left)  # < 0: a trap stopped it
            w.position = pos
        if (w.done or pos - self._last_checkpoint >= self._interval or self._evals
                or L.pending_error is not None):
            self._after_advance()

    def _abandon_run(self, exc: Exception) -> None:
        """An internal error (a bug in ferrous) or a limit escaped the run: it is over, failed with a
        message saying so, and the state goes back to a clean call state (the main thread, no
        frames), so evaluations and what runs next never run inside a dead coroutine."""
        w = self.w
        L = w.L
        w.done = True
        text = exc.message if isinstance(exc, LimitError) else \
            f"internal error in ferrous: {type(exc).__name__}: {exc}"
        w.failure = LuaError(text.encode("utf-8", "replace"))
        L.pending_error = None
        if w.base == 0 and w.home is L.main.frames:
            L.reset_calls()
        else:
            L.abandon_threads(L.main, w.base, 0)

    def _after_advance(self) -> None:
        """The end of an advance, when it ended the run, a mark is due, an evaluation is
        logged here or an error is pending."""
        w = self.w
        if w.done:
            self._finish()
            return
        if w.position - self._last_checkpoint >= self._interval:
            self._checkpoint()  # before the evaluations logged at this position
        if self._evals:
            self._apply_evals()
        err = w.L.pending_error
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

    def _exit(self, code: int) -> None:
        """os.exit(code) ran: the program is over, its frames abandoned as an error's are."""
        w = self.w
        w.done = True
        w.exit_status = code & 0xFF
        del w.home[w.base:]
        w.L.frames = w.L.main.frames
        w.L.current = w.L.main
        w.L.pending_error = None

    def end_message(self) -> str:
        """Why the program is over (done): its error, its os.exit status, or that it finished."""
        return self._end_message()

    def _end_message(self) -> str:
        if self.w.failure is not None:
            return message(self.w.failure)
        if self.w.exit_status is not None:
            return f"the program exited with status {self.w.exit_status} (os.exit)"
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
        """The breakpoint that would stop the program at ``now`` coming from ``before`` (two
        locations one instruction apart, see _where), judged in Python: for going back, which
        replays one instruction at a time (vm/debugger/queries.py). The same rules as the
        traps: line events, conditions, hit counts (the hits recorded so far); a logpoint
        never stops."""
        if not self.breakpoints or now is None or now[2] is None or now[2].cl is None:
            return None
        traps = self._traps
        traps.sync(self.breakpoints)
        f = now[2]
        p = f.cl.p
        proto = p.proto
        pc = now[3]
        entering = pc == 0 and (before is None or before[2] is not f)
        new_line = line_event(before, now)
        pos = self.w.position
        L = self.w.L
        for bp, a in traps.armed.items():
            if bp.source is not None and bp.source != proto.source:
                continue
            if bp.pc is not None:
                hit = pc == bp.pc and (bp.linedefined is None or bp.linedefined == proto.linedefined)
            elif bp.line is not None:
                hit = new_line and now[4] == bp.line
            else:
                hit = entering and self._called(f) == bp.function
            if not hit or a.message is not None:
                continue
            if a.problem is not None:
                return bp
            if a.condition is not None:
                bound = a.sites.get((id(p), pc))
                if bound is None:
                    bound = a.sites[(id(p), pc)] = a.bind(p, pc)
                saved, traps.mode = traps.mode, OFF
                try:
                    if not bound[0].truth(L, f):
                        continue
                except ConditionError:
                    return bp
                finally:
                    traps.mode = saved
            if a.hit is not None:
                count = a.count_at(pos - 1) + 1
                if not a.hit.holds(count):
                    continue
            return bp
        return None

    def _called(self, f: Frame) -> bytes | None:
        from vm.runtime.errors import function_name

        frames = self.w.L.frames
        named = function_name(frames, len(frames) - 1) if frames and frames[-1] is f else None
        return named[1] if named else None
