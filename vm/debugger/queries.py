"""Reverse execution and time-travel queries: back over a line, back out of a function, reverse
continue, run back to a line, watchpoints backwards, the last write of a place and where an
object was created.

All of them read the past the same way: a window of positions before the current one is
replayed one instruction at a time from the mark before it (vm/debugger/history.py), recording
where the program was and the watched values; the window doubles until the answer is found or
the start is reached. The answer is a position, and the debugger then goes there exactly as
``goto`` does. A creation point needs no search: the creation hook noted the mark each object was
created after (vm/debugger/tracking.py), so only that stretch is replayed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from vm.debugger.evaluation import SLICE
from vm.debugger.locations import line_event
from vm.debugger.model import Breakpoint, Stop
from vm.debugger.watch import GONE, Watch, changed, parse, register, value_of
from vm.runtime.heap import Handle, StaleHandle

WINDOW = 400  # positions replayed in the first window of a backward search
WATCH_SLICE = 2000  # instructions run at full speed between two looks at watched heap places
SEEK_WINDOW = 20_000  # positions replayed in the first window of a reverse continue


class Queries:
    """The Debugger's reverse motions and queries (a part of its class). For the debug
    adapter: ``step_back_over``/``step_back_out`` are stepBack's line and out granularities,
    ``reverse_continue`` is reverseContinue, ``watch``/``watches`` are data breakpoints."""

    def step_back_over(self) -> Stop:
        """Back to the start of the previous line of this function, over calls (the reverse of
        step_line). From a function's first line: back to the call in its caller."""
        return self._back_in_frame(True, "line")

    def step_back_out(self) -> Stop:
        """Back to the instruction that called the current function (the reverse of step_out)."""
        return self._back_in_frame(False, "call")

    def _back_in_frame(self, lines: bool, reason: str) -> Stop:
        """Back to the call that began the current function, or (``lines``) to the last line
        start of this function before it."""
        here = self.w.position
        start = self._where()
        if here == 0 or start is None:
            return self.goto(0)
        depth = start[1]

        def decide(recs, lo, hi):
            for p in range(hi - 1, lo - 1, -1):
                loc = recs[p - lo + 1][0]
                if loc is None:
                    continue
                if loc[1] < depth:
                    return p  # the call that began this function
                if lines and loc[1] == depth and line_event(recs[p - lo][0], loc):
                    return p
            return None

        return self._travel(self._search_back(here, decide), reason)

    def run_back_to_line(self, line: int, source: bytes | None = None) -> Stop:
        """Back to the last time ``line`` began (the start when it never did)."""
        target = Breakpoint(line=line, source=source)
        self.breakpoints.append(target)
        try:
            return self.reverse_continue()
        finally:
            self.breakpoints.remove(target)

    def reverse_continue(self) -> Stop:
        """Back to the last breakpoint hit, watchpoint change or error stop before now; to the
        start when there is none."""
        here = self.w.position
        errors = [p for p in self._error_stops if p < here]
        floor = max(errors, default=0)
        found = None
        if self.breakpoints and not self.watches:
            found = self._seek_back(here, floor)
        elif self.breakpoints or self.watches:
            places = None
            if not self.breakpoints and self._watches_sliceable():
                places = list(self.watches)
            found = self._search_back(here, self._hit_decider(), floor, quiet=places)
        if found is not None and found >= floor:
            self.goto(found)
            if self._hit_kind is not None:
                return Stop("watchpoint", found, f"{self._hit_kind} changed")
            return Stop("breakpoint", found)
        if errors:
            self.goto(floor)
            return Stop("error", floor, "back at an error")
        return self.goto(0)

    def last_write(self, watch: Watch) -> Stop:
        """Go to the instruction that last changed a place (about to run); at the start when
        nothing changed it since. A place that came into existence holding its value was
        written by the instruction that made it: the call that passed a parameter, the
        constructor of a field, the CLOSURE of an upvalue."""
        here = self.w.position
        now = value_of(self, watch)

        def decide(recs, lo, hi):
            for p in range(hi - 1, lo - 1, -1):
                a, b = recs[p - lo + 1][1], recs[p - lo][1]
                if p > 0 and (changed([watch], (a,), (b,)) or (b is GONE and a == now)):
                    return p - 1
            return None

        sliceable = self._watched_object(watch) is not None
        # the write may be the instruction just run: its change shows at here itself
        found = self._search_back(here + 1, decide, probe=lambda: value_of(self, watch),
                                  quiet=[watch] if sliceable else None)
        if found is None:
            self.goto(0)
            return Stop("history", 0, f"{watch.label} has not changed since the start")
        self.goto(found)
        return Stop("last write", found, f"this instruction wrote {watch.label}")

    def created_at(self, handle: Handle) -> Stop:
        """Go to the instruction that created a heap object (about to run); objects made before
        the debugger started were created before the start."""
        after = self._created.get(handle)
        if after is None:
            self.goto(0)
            return Stop("history", 0, "created before the program started")
        self._restore(after)
        heap = self.w.L.heap
        while not self.w.done:
            if _holds(heap, handle):
                break
            self._advance(1)
        found = max(self.w.position - 1, 0)
        self.goto(found)
        return Stop("created", found, "this instruction created the object")

    # --- reverse continue to breakpoints: the traps ------------------------------------------

    def _seek_back(self, here: int, floor: int) -> int | None:
        """The last position before ``here`` (not before ``floor``) where a breakpoint stops
        the program going forwards. Windows of the past are replayed at full speed, the traps
        (vm/debugger/traps.py) noting each position where one holds, as ``continue`` does; the
        first window reaches back to the last stop the hits already recorded name, when there
        is one, so that the answer is usually one replay of the stretch away."""
        traps = self._traps
        traps.sync(self.breakpoints)
        known = self._recorded_stop(here, floor)
        hi = here
        width = SEEK_WINDOW
        while hi > floor:
            lo = max(floor, hi - width)
            if known is not None and known < hi:
                lo = max(floor, min(lo, known))
            held = self._holding_in(lo, hi)
            if held:
                return held[-1]
            hi = lo
            width *= 2
        return None

    def _recorded_stop(self, here: int, floor: int) -> int | None:
        """The last position before here where a recorded hit of a breakpoint stopped the
        program (its hit condition held there), if any: a lower bound of the answer."""
        best = None
        for a in self._traps.armed.values():
            if a.message is not None or a.problem is not None:
                continue
            hits = a.hits
            i = bisect_left(hits, here) - 1
            for _ in range(64):  # a hit condition holds at one count in many, at the most
                if i < 0 or hits[i] < floor:
                    break
                if a.hit is None or a.hit.holds(i + 1):
                    if best is None or hits[i] > best:
                        best = hits[i]
                    break
                i -= 1
        return best

    def _holding_in(self, lo: int, hi: int) -> list[int]:
        """Replay from lo to hi at full speed; the positions in between where a breakpoint
        held (where a forward run would have stopped: a condition that failed too)."""
        traps = self._traps
        self._restore(lo)
        held: list[int] = []
        holds = traps._holds

        def noting(a, key, p, pc, L, f, pos):
            if holds(a, key, p, pc, L, f, pos):
                held.append(pos)
                return True
            return False

        traps._holds = noting
        try:
            self._replay_to(hi, SLICE)
        finally:
            del traps._holds
        return [p for p in held if lo <= p < hi and p > 0]  # at the start: not a stop

    # --- the search -------------------------------------------------------------------------

    def _hit_decider(self):
        """A breakpoint hit, or a watched value that differs from the position before."""
        self._hit_kind = None

        def decide(recs, lo, hi):
            for p in range(hi - 1, max(lo, 1) - 1, -1):
                labels = changed(self.watches, recs[p - lo + 1][1], recs[p - lo][1])
                if labels:
                    self._hit_kind = ", ".join(labels)
                    return p
                if self._bp_hits.get(p):
                    return p
            return None

        return decide

    def _search_back(self, here: int, decide: Callable, floor: int = 0,
                     probe: Callable[[], object] | None = None,
                     quiet: list | None = None) -> int | None:
        """Replay windows of growing size before ``here`` one instruction at a time, recording
        (location, probe) for each position from lo - 1 to hi - 1, until ``decide(records,
        lo, hi)`` names a position. The world is left wherever the search ended. With
        ``quiet`` (the probed places, all in heap objects) a window is first run at full speed,
        and skipped when the probe reads the same at both ends and the journal says none of
        the objects holding them was touched in between."""
        if probe is None:
            probe = self._watch_values
        hi = here
        width = WINDOW
        while hi > floor:
            lo = max(floor, hi - width)
            if quiet is not None:
                found = None
                if not self._window_quiet(max(lo - 1, 0), hi, probe, quiet):
                    found = self._latest_in(lo, hi, decide, probe, quiet)
            else:
                found = decide(self._record(lo, hi, probe), lo, hi)
            if found is not None:
                return found
            hi = lo
            width *= 2
        return None

    def _latest_in(self, lo: int, hi: int, decide: Callable, probe: Callable[[], object],
                   quiet: list) -> int | None:
        """decide's answer in a window that is not quiet, halving it (later half first) down to
        windows small enough to replay one instruction at a time."""
        if hi - lo <= WINDOW:
            return decide(self._record(lo, hi, probe), lo, hi)
        mid = (lo + hi) // 2
        if not self._window_quiet(max(mid - 1, 0), hi, probe, quiet):
            found = self._latest_in(mid, hi, decide, probe, quiet)
            if found is not None:
                return found
        return self._latest_in(lo, mid, decide, probe, quiet)

    def _window_quiet(self, lo: int, hi: int, probe: Callable[[], object], places: list) -> bool:
        """True when nothing probed can have changed between lo and hi (see _search_back).
        The objects holding the places are found at both ends, by handle: an object made after
        a mark is made again, as another Python object, when the run is replayed."""
        self._restore(lo)
        start = self._watch_slice_start()
        first = probe()
        objects = [self._watched_object(w) for w in places]
        self._replay_to(hi)
        objects += [self._watched_object(w) for w in places]
        if probe() != first or start[1] < 0:
            return False
        epochs = [m.saved for m in self._marks[start[1]:]] + [self._journal.saved]
        return not any(id(o) in saved for saved in epochs for o in objects if o is not None)

    def _record(self, lo: int, hi: int, probe: Callable[[], object]) -> list:
        """(location, probe value) at each position lo - 1 .. hi - 1 (a None location before
        the start); breakpoint hits noted in ``_bp_hits``."""
        self._bp_hits = {}
        start = max(lo - 1, 0)
        self._restore(start)
        recs: list = [] if lo > 0 else [(None, probe())]
        prev = None
        while self.w.position < hi and not self.w.done:
            now = self._where()
            if self.breakpoints and self.w.position >= lo:
                self._bp_hits[self.w.position] = self._breakpoint_at(prev, now) is not None
            recs.append((now, probe()))
            prev = now
            self._advance(1)
        while len(recs) < hi - lo + 1:
            recs.append((None, probe()))
        return recs

    def _travel(self, target: int | None, reason: str) -> Stop:
        if target is None:
            return self.goto(0)
        stop = self.goto(target)
        return Stop(reason if target > 0 else "history", stop.position, stop.message)

    # --- watchpoints --------------------------------------------------------------------------

    def watch(self, text: str, depth: int = 0) -> Watch:
        """Watch a place (see vm/debugger/watch.py for what ``text`` may name, relative to the
        frame at ``depth``): continue stops after an instruction changes it, reverse_continue
        at the last change before now. Raises WatchError."""
        w = parse(self, text, depth)
        if all(x != w for x in self.watches):
            self.watches.append(w)
        return w

    def unwatch(self, label: str | None = None) -> int:
        """Stop watching a place (by its label), or every place; returns how many were."""
        before = len(self.watches)
        self.watches[:] = [w for w in self.watches if label is not None and w.label != label]
        return before - len(self.watches)

    def place(self, text: str, depth: int = 0) -> Watch:
        """A place, not watched (for last_write)."""
        return parse(self, text, depth)

    def register_place(self, reg: int, depth: int = 0) -> Watch:
        """Register ``reg`` of the frame at ``depth`` as a place (for last_write, watch)."""
        return register(self, reg, depth)

    def handle_in(self, place: Watch) -> Handle | None:
        """The handle of the heap object a place holds now (for created_at), else None."""
        v = value_of(self, place)
        if isinstance(v, tuple) and len(v) == 3 and v[0] == "object":
            return Handle(v[1], v[2])
        return None

    def _watch_values(self) -> tuple:
        return tuple(value_of(self, w) for w in self.watches)

    def _watches_sliceable(self) -> bool:
        """True when every watched place is in the heap (a table field, a global, a closed
        upvalue cell): the journal then says which slices of the run may have changed one."""
        return bool(self.watches) and all(self._watched_object(w) is not None
                                          for w in self.watches)

    def _watched_object(self, w: Watch) -> object | None:
        """The heap object a write to the place goes through (None for a local or an open
        upvalue, which registers hold)."""
        if w.kind == "local":
            return None
        try:
            owner = self.w.L.heap.resolve(w.owner.index, w.owner.generation)  # type: ignore[union-attr]
        except StaleHandle:
            return None
        if w.kind == "upvalue":
            cell = owner.upvals[w.key]  # type: ignore[attr-defined, index]
            return cell if len(cell.regs) == 1 and cell.idx == 0 and not self._is_open(cell) else None
        return owner

    def _is_open(self, cell) -> bool:
        L = self.w.L
        for co in (L.main, *self._registry.coroutines):
            for f in co.frames:
                if f.R is cell.regs:
                    return True
        return False

    def _watch_slice_start(self) -> tuple[int, int]:
        """Begin a watched slice: a fresh mark here when one can be taken, so that the journal
        notes every object the slice changes. Returns (position, number of marks)."""
        self._checkpoint(force=True)
        marks = self._marks
        return self.w.position, len(marks) - 1 if marks and marks[-1].position == self.w.position \
            else -1

    def _watch_slice_end(self, start: tuple[int, int], watched: tuple) -> Stop | None:
        """After a watched slice: when a watched value differs, or the journal says an object
        holding one was changed, replay the slice one instruction at a time from its start and
        stop right after the first change (None when there was none)."""
        pos0, k = start
        objects = [self._watched_object(w) for w in self.watches]  # made before or in the slice
        if not changed(self.watches, self._watch_values(), watched):
            if k < 0:
                touched = True  # no fresh epoch at the start: look closely
            else:
                epochs = [m.saved for m in self._marks[k:]] + [self._journal.saved]
                touched = any(id(o) in saved for saved in epochs for o in objects if o is not None)
            if not touched:
                return None
        end = self.w.position
        self._restore(pos0)
        before = self._watch_values()
        while self.w.position < end and not self.w.done:
            self._advance(1)
            now = self._watch_values()
            labels = changed(self.watches, now, before)
            if labels:
                return Stop("watchpoint", self.w.position, f"{', '.join(labels)} changed")
            before = now
            if self.w.L.pending_error is not None:
                break
        return None


def _holds(heap, handle: Handle) -> bool:
    objects = heap.objects
    if handle.index >= len(objects):
        return False
    obj = objects[handle.index]
    return obj is not None and obj.handle == handle  # type: ignore[attr-defined]
