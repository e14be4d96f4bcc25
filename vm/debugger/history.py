"""Going backwards: checkpoints (copies of the whole state) and exact replay from them."""

from __future__ import annotations

import time

from vm.debugger.locations import line_event
from vm.debugger.model import CapturedOutput, Changes, Stop
from vm.runtime.snapshot import NotCopyable, copy_state

CHECKPOINT_SHARE = 0.1  # at most this share of the running time goes into copying the state
MIN_INTERVAL = 500  # instructions between checkpoints at the least


class History:
    """The Debugger's travel in time (a part of its class)."""

    def step_back(self) -> Stop:
        """Back one instruction."""
        if self.w.position == 0:
            return Stop("history", 0, "at the start")
        return self.goto(self.w.position - 1)

    def step_back_line(self) -> Stop:
        """Back to where the previous line (of any function) began."""
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
        if target > self.w.position:
            before = self._fingerprint()
            self._replay_to(target)
            self.changes = self._diff(before)
            return Stop(reason, self.w.position)
        self._restore(target - 1 if target > 0 else 0)
        if target > 0:
            before = self._fingerprint()
            self._replay_to(target)
            self.changes = self._diff(before)
        else:
            self.changes = Changes()
        return Stop(reason if target > 0 else "history", self.w.position,
                    "" if target > 0 else "at the start")

    def restart(self) -> Stop:
        """Back to the start, forgetting evaluations: a fresh run of the same program."""
        self._evals.clear()
        self._error_stops.clear()
        self._checkpoints = {0: self._checkpoints[0]}
        self._external_tokens = {p: t for p, t in self._external_tokens.items() if p == 0}
        self._restore(0)
        self.w.L.tape.clear()  # type: ignore[union-attr]
        self.changes = Changes()
        return Stop("start", 0)

    def _checkpoint(self, force: bool = False) -> None:
        w = self.w
        pos = w.position
        if pos in self._checkpoints:
            return
        if not force and pos - self._last_checkpoint < self._interval:
            return
        started = time.perf_counter()
        try:
            snap = copy_state(w, self._shared())
        except NotCopyable:
            if force and pos == 0:
                raise
            self._last_checkpoint = pos  # try again an interval later
            return
        spent = time.perf_counter() - started
        self._checkpoints[pos] = snap  # type: ignore[assignment]
        if self.external is not None:
            self._external_tokens[pos] = self.external.snapshot()
        self._last_checkpoint = pos
        # keep copying under CHECKPOINT_SHARE of the time: about 200k instructions a second
        self._interval = max(MIN_INTERVAL, int(spent / CHECKPOINT_SHARE * 200_000))

    def _shared(self) -> list[object]:
        L = self.w.L
        shared: list[object] = [L.tape, *self.extra_shared]
        for attr in ("stdin",):
            s = getattr(L, attr, None)
            if s is not None and not isinstance(s, CapturedOutput):
                import io

                if not isinstance(s, io.BytesIO):
                    shared.append(s)
        return shared

    def _restore(self, target: int) -> None:
        """Become the state at the latest checkpoint at or before target, then replay to it."""
        at = max(p for p in self._checkpoints if p <= target)
        w = copy_state(self._checkpoints[at], self._shared())
        self.w = w  # type: ignore[assignment]
        self.session.state = w.L  # type: ignore[attr-defined]
        if self.external is not None:
            self.external.restore(self._external_tokens[at])
        with self._active():
            self._apply_evals()
        self._replay_to(target)

    def _replay_to(self, target: int) -> None:
        w = self.w
        while w.position < target and not w.done:
            self._advance(target - w.position)
        if w.L.pending_error is not None and w.position not in self._error_stops:
            with self._active():
                self._unwind()

    def _history(self, upto: int) -> list[tuple | None]:
        """The location before each position from the start (or a checkpoint) up to here:
        found by replaying one instruction at a time from the checkpoint before, going further
        back while no line begins in the stretch."""
        here = self.w.position
        starts = sorted(p for p in self._checkpoints if p < upto)
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
        for p in [p for p in self._checkpoints if p > pos]:
            del self._checkpoints[p]
            self._external_tokens.pop(p, None)
        for p in [p for p in self._evals if p > pos]:
            del self._evals[p]
        self._error_stops = {p for p in self._error_stops if p <= pos}
        L = self.w.L
        del L.tape[L.tape_pos:]  # type: ignore[index]
        self._last_checkpoint = min(self._last_checkpoint, pos)
