"""Going backwards: marks, the undo journal and exact replay.

The run is recorded as marks (vm/debugger/marks.py) every few hundred instructions, with the
journal (vm/runtime/journal.py) holding the before-image of each object changed after each
mark. Going back to a position rewinds the world in place to the last mark at or before it
(undoing only what changed since) and replays forward from there, which is exact because a run
is a deterministic function of its start, of the tape (values from outside) and of the logged
evaluations. The cost of a step back is what changed since that mark plus a few hundred
instructions of replay, whatever the size of the heap.
"""

from __future__ import annotations

from bisect import bisect_right

from vm.debugger import marks as _marks
from vm.debugger.locations import line_event
from vm.debugger.model import Changes, Stop
from vm.debugger.views import Fingerprint

MARK_SHARE = 0.05  # at most about this share of the stepping time goes into taking marks
MIN_INTERVAL = 200  # instructions between marks at the least
MAX_INTERVAL = 2000  # and at the most, so that any position is a short replay away
# Taking a mark costs about 0.2-0.4 us per value it captures (registers, frames, library
# fields: marks.size), measured on fib, deep recursion, 300 suspended coroutines and 200
# gmatch iterators. The interval follows the mark's size, not its measured time: timing it
# made the marks (and so what a step back replays) depend on the machine's load and on
# Python's collector pausing during one mark (bench/step_back_heap.py). Fib's marks (about
# 300 values) come every 450 instructions: a step back replays at most that many (well
# under a millisecond), and single stepping spends about 5% of its time marking.
MARK_UNIT_SECONDS = 0.3e-6
STEPPING_RATE = 250_000  # instructions per second the share is reckoned at (bench/step_rate.py)
INSTRUCTIONS_PER_UNIT = MARK_UNIT_SECONDS / MARK_SHARE * STEPPING_RATE


class NotMarkable(Exception):
    """The run cannot be recorded from its start (it starts inside a library function)."""


class History:
    """The Debugger's travel in time (a part of its class).

    For front ends and the debug adapter: ``step_back`` (DAP stepBack at instruction
    granularity), ``step_back_line``, ``step_back_over``, ``step_back_out``,
    ``reverse_continue`` (DAP reverseContinue), ``run_back_to_line``, ``goto`` (any position),
    ``restart``. Each returns a Stop and leaves ``changes`` describing the last step forward
    into the position reached, as a forward step there would have."""

    def step_back(self) -> Stop:
        """Back one instruction."""
        if self.w.position == 0:
            return Stop("history", 0, "at the start")
        return self.goto(self.w.position - 1)

    def step_back_line(self) -> Stop:
        """Back to where the previous line (of any function) began: the reverse of step_into."""
        here = self.w.position
        if here == 0:
            return Stop("history", 0, "at the start")
        lines = self._history(here)
        target = 0
        for pos in range(len(lines) - 1, 0, -1):
            if lines[pos] is not None and line_event(lines[pos - 1], lines[pos]):
                if pos < here:
                    target = pos
                    break
        return self.goto(target, reason="line")

    def goto(self, target: int, reason: str = "step") -> Stop:
        """Travel to a position of this run's history (or run forward to it)."""
        target = max(0, target)
        self.last_step = None
        if target > self.w.position:
            self._note_before()
            self._replay_to(target)
            return Stop(reason, self.w.position)
        self._restore(target - 1 if target > 0 else 0)
        if target > 0:
            self._note_before()
            self.last_step = self._where()  # the instruction that leads to the target
            self._replay_to(target)
        else:
            self._no_changes()
        return Stop(reason if target > 0 else "history", self.w.position,
                    "" if target > 0 else "at the start")

    def restart(self) -> Stop:
        """Back to the start, forgetting evaluations: a fresh run of the same program."""
        self._evals.clear()
        self._error_stops.clear()
        self._traps.restart()
        self._restore(0)
        self.w.L.tape.clear()  # type: ignore[union-attr]
        self._no_changes()
        self.last_step = None
        return Stop("start", 0)

    # --- marks --------------------------------------------------------------------------------

    def _checkpoint(self, force: bool = False) -> None:
        """Take a mark here when one is due (and possible)."""
        w = self.w
        pos = w.position
        marks = self._marks
        if marks and marks[-1].position >= pos:
            return
        if not force and pos - self._last_checkpoint < self._interval:
            return
        if not _marks.markable(w.L, self._registry):
            if force and pos == 0:
                raise NotMarkable("the run starts inside a library function")
            self._last_checkpoint = pos - self._interval + MIN_INTERVAL // 4  # try again soon
            return
        saved, image = self._journal.new_epoch()
        if marks:
            last = marks[-1]
            last.saved, last.heap_image, last.allocations = saved, image, self._allocs
        self._allocs = 0
        mark = _marks.take(self, pos)
        marks.append(mark)
        self._last_checkpoint = pos
        # keep marking under MARK_SHARE of the time (see INSTRUCTIONS_PER_UNIT)
        self._interval = min(MAX_INTERVAL, max(MIN_INTERVAL,
                                               int(_marks.size(mark) * INSTRUCTIONS_PER_UNIT)))

    def _mark_index(self, position: int) -> int:
        """The index of the last mark at or before position."""
        return bisect_right(self._mark_positions(), position) - 1

    def _mark_positions(self) -> list[int]:
        return [m.position for m in self._marks]

    def _restore(self, target: int) -> None:
        """Become the state at target: rewind to the last mark at or before it, then replay."""
        k = max(self._mark_index(target), 0)
        while k > 0 and not _marks.usable(self._marks, k, self._journal.saved):
            k -= 1
        _marks.rewind(self, self._marks, k)
        self._allocs = 0
        self._last_checkpoint = self.w.position
        with self._active():
            self._apply_evals()
        self._replay_to(target)

    def _replay_to(self, target: int, stride: int | None = None) -> None:
        """Run forward to target; in strides of ``stride`` instructions (marks are taken at
        the end of an advance, when due), else in one go. The traps are those of the
        breakpoints set now: one removed since the last command (run_to_line's) neither
        counts hits nor logs in the replay."""
        self._traps.sync(self.breakpoints)
        w = self.w
        while w.position < target and not w.done:
            self._advance(target - w.position if stride is None else min(stride, target - w.position))
        if w.L.pending_error is not None and w.position not in self._error_stops:
            with self._active():
                self._unwind()

    def _history(self, upto: int) -> list[tuple | None]:
        """The location before each position from a mark up to here: found by replaying one
        instruction at a time from the mark before, going further back while no line begins
        in the stretch."""
        here = self.w.position
        starts = [p for p in self._mark_positions() if p < upto]
        for start in reversed(starts):
            self._restore(start)
            locs: list[tuple | None] = [None] * start
            while self.w.position < upto and not self.w.done:
                locs.append(self._where())
                self._advance(1)
            locs.append(self._where())
            if any(locs[p] is not None and line_event(locs[p - 1], locs[p])
                   for p in range(max(start, 1), upto)):
                return locs
        self._restore(here)
        return [None] * (upto + 1)

    def _forget_after(self, pos: int) -> None:
        """A new evaluation at pos changes the future: drop what was recorded after it."""
        for p in [p for p in self._evals if p > pos]:
            del self._evals[p]
        self._error_stops = {p for p in self._error_stops if p <= pos}
        L = self.w.L
        del L.tape[L.tape_pos:]  # type: ignore[index]
        self._last_checkpoint = min(self._last_checkpoint, pos)

    # --- what the last step changed (computed when a view asks) -------------------------------

    def _note_before(self) -> None:
        self._changes = None
        self._before = self._fingerprint()

    def _no_changes(self) -> None:
        self._changes = Changes()
        self._before = None

    @property
    def changes(self) -> Changes:
        """What the last step forward changed (registers and upvalues of the innermost frame,
        globals, the stack's shape), computed on first request."""
        if self._changes is None:
            before = self._before
            self._changes = Changes() if before is None else self._diff(Fingerprint(*before))
            self._before = None
        return self._changes

    @changes.setter
    def changes(self, value: Changes) -> None:
        self._changes = value
        self._before = None
