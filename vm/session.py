"""The session: the one facade front ends (CLI, REPL, debugger, tests) use to run Lua.

A Session owns a Lua state with its libraries open, loads chunks (source or binary) and runs
them to completion. Output of ``print`` and ``io.write`` goes to the session's ``out`` stream.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import BinaryIO

from vm.loader import load_chunk, load_file
from vm.runtime.limits import Guard
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable


@dataclass(slots=True)
class Limits:
    """Budgets for one call: instructions run, heap bytes in use, seconds of wall-clock time."""

    instructions: int | None = None
    memory: int | None = None
    seconds: float | None = None


SLICE = 10000  # instructions between two limit checks


class Session:
    """A Lua 5.1 state with the standard libraries, ready to run chunks."""

    def __init__(self, out: BinaryIO | None = None, limits: Limits | None = None) -> None:
        from vm.lib import open_libs

        self.state = LuaState()
        self.state.out = out if out is not None else sys.stdout.buffer
        self.limits = limits or Limits()
        self.interruptible = False  # run in slices that check for interrupt() (the REPL's Ctrl-C)
        self._interrupted = False
        open_libs(self.state)

    @property
    def globals(self) -> LuaTable:
        return self.state.globals

    def load(self, data: bytes, chunkname: bytes) -> object:
        """Compile (or undump) a chunk into a function; raises LoadError."""
        return self.state.load(load_chunk(data, chunkname))

    def load_file(self, path: str | None) -> object:
        """luaL_loadfile: a file (None: standard input) into a function; raises LoadError."""
        return self.state.load(load_file(path))

    def call(self, fn: object, args: list | None = None) -> list:
        """Call a Lua value to completion; raises LuaError (with ``traceback`` when uncaught),
        or LimitError when a limit of the session ends the run."""
        lim = self.limits
        if (lim.instructions is None and lim.memory is None and lim.seconds is None
                and not self.interruptible):
            return self.state.call(fn, args or [])
        return self._call_limited(fn, args or [], lim)

    def interrupt(self) -> None:
        """Ask the running call to stop at its next slice boundary with ``Interrupted`` (or
        sooner, in a long library call); safe to call from a signal handler or another thread
        (the session must be interruptible)."""
        self._interrupted = True
        guard = self.state.guard
        if guard is not None:
            guard.interrupted = True

    def _call_limited(self, fn: object, args: list, lim: Limits) -> list:
        """Run in slices of SLICE instructions, checking the limits between slices (and, through
        the state's guard, inside long library calls and before large allocations)."""
        start = time.monotonic()
        self._interrupted = False
        L = self.state
        saved = L.guard
        L.guard = Guard(self._stop, lim.memory,
                        None if lim.seconds is None else start + lim.seconds)
        try:
            return self._slices(fn, args, lim, start)
        finally:
            L.guard = saved

    def _stop(self, kind: str, inside: bool = True) -> BaseException:
        """The error that ends a run for ``kind`` of limit (vm/runtime/limits.py). ``inside``:
        the run stopped inside a library call (the guard's checks), not between instructions
        (the slice check): where lua.c's report of an interrupt says it stopped."""
        from vm.errors import Interrupted, LimitError

        lim = self.limits
        if kind == "interrupt":
            self._interrupted = False
            return Interrupted("interrupted!", self.state.interrupted_at(inside))
        if kind == "memory":
            return LimitError(f"memory limit reached ({lim.memory} bytes)")
        return LimitError(f"time limit reached ({lim.seconds:g} s)")

    def _slices(self, fn: object, args: list, lim: Limits, start: float) -> list:
        from vm.errors import LimitError

        ran = 0
        self.start(fn, args)
        while True:
            slice_ = SLICE if lim.instructions is None else max(min(SLICE, lim.instructions - ran), 1)
            before = slice_
            try:
                done = self.step(slice_)
            finally:
                ran += before - max(self.state.budget, 0)
            if done:
                return self.results()
            if self._interrupted:
                stop = self._stop("interrupt", inside=False)  # from the stack, before it goes
                self._abandon()
                raise stop
            if lim.instructions is not None and ran >= lim.instructions:
                self._abandon()
                raise LimitError(f"instruction limit reached ({lim.instructions} instructions)")
            if lim.memory is not None and self.state.heap.count() > lim.memory:
                self.state.collect()
                if self.state.heap.count() > lim.memory:
                    self._abandon()
                    raise self._stop("memory")
            if lim.seconds is not None and time.monotonic() - start > lim.seconds:
                self._abandon()
                raise self._stop("time")

    def stop_if_interrupted(self) -> None:
        """Raise the run's ``Interrupted`` now when ``interrupt()`` was called: for a library
        call that waits outside the engine (the REPL's program reading the terminal, cut short
        by Ctrl-C), which would see the request only once the wait is over."""
        guard = self.state.guard
        if guard is not None and guard.interrupted:
            guard.interrupted = False
            raise self._stop("interrupt")

    def _abandon(self) -> None:
        """Drop the frames of a stepped call that will not be resumed: the next call starts
        from a clean call state (the main thread, no frames), whatever thread this one was in."""
        L = self.state
        if self._base == 0 and self._home is L.main.frames:
            L.reset_calls()
        else:
            L.abandon_threads(L.main, self._base, 0)
        self._done = True

    def run(self, source: bytes, chunkname: bytes = b"=(session)", args: list | None = None) -> list:
        """Load and run a chunk of source; returns its results."""
        return self.call(self.load(source, chunkname), args)

    def close(self) -> None:
        """lua_close: call the __gc of every userdata that has one, newest first; an error in
        one finalizer is ignored and the others still run, as in 5.1."""
        from vm.errors import LuaError

        L = self.state
        pending = [u for u in reversed(L.heap.finalizable)
                   if u.metatable is not None and u.metatable.hash.get(b"__gc") is not None]
        L.heap.finalizable = []
        for u in pending:
            gc = u.metatable.hash.get(b"__gc") if u.metatable is not None else None
            if gc is None:
                continue
            try:
                self.call(gc, [u])
            except LuaError:
                pass

    # --- stepping ---------------------------------------------------------------------------

    def start(self, fn: object, args: list | None = None) -> None:
        """Prepare a call to run instruction by instruction with ``step``."""
        from vm.errors import LuaError
        from vm.runtime.frame import CONT_CALL, Frame

        L = self.state
        self._base = len(L.frames)
        self._home = L.frames
        self._holder = Frame(None, [None], None, 0, -1, CONT_CALL)
        L.frames.append(self._holder)
        try:
            try:
                self._done = not L.call_with(self._holder, fn, list(args or []), 0, -1, CONT_CALL)
            except LuaError as err:  # fn failed at once (or in code run nested): unwind as run() would
                L.unwind(err, self._base + 1, self._home)
                self._done = False  # a pcall took it: the loop goes on from there
        except BaseException as exc:
            if isinstance(exc, LuaError):  # nothing took it: the call is over
                self._done = True
                del self._home[self._base:]
            else:
                self._abandon()
            raise

    def step(self, n: int = 1) -> bool:
        """Run at most n instructions of the started call; True once it has returned. A Lua
        error that nothing catches ends it: LuaError is raised and the call is over."""
        from vm.errors import LuaError
        from vm.runtime.interp import run

        if self._done:
            return True
        L = self.state
        L.budget = n
        try:
            self._done = run(L, self._base + 1, self._home)
        except BaseException as exc:
            if isinstance(exc, LuaError):  # uncaught: unwound to the call's own thread
                self._done = True
                del self._home[self._base:]
            else:  # a bug, a limit inside a library call: nothing unwound
                self._abandon()
            raise
        if self._done:  # the holder frame goes too (results() reads the holder itself)
            del self._home[self._base:]
            if self._base == 0:  # as LuaState.call: the next call starts with no C calls
                L.ccalls = 0
        return self._done

    def results(self) -> list:
        """The values the stepped call returned."""
        return self._holder.R[0:self._holder.top]
