"""Limits inside one run: memory before a large allocation, time and interrupts in long loops.

The session and the Redis engine check their limits between slices of instructions; one
library call (a table shift, a pattern match, a long concatenation) or one allocation can run
far past them in between. So while a limited run goes, the state holds a ``Guard`` (``L.guard``,
None otherwise) and:

- ``reserve(L, n)`` is called before building something of ``n`` bytes that may be large (a
  string from ``..``, ``string.rep``, ``table.concat``, ``gsub``, a table's parts): past
  ``MAX_BLOCK`` it is Lua's catchable ``not enough memory`` (where real Lua's malloc would fail
  or the machine would thrash), past the run's memory limit it is the limit's own error;
- ``poll(L)`` is called by library loops that can run long, every 4,096 steps of a cheap
  counter (``if not i & POLL_MASK``): past the deadline, or after an interrupt (Ctrl-C,
  pause), it raises the same error the slice check raises. ``poll_running()`` is the same for
  code with no state at hand (the pattern matcher): the state whose code runs now.

Python's own MemoryError is turned into ``not enough memory`` by the interpreter loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from vm.errors import LuaError
from vm.runtime.keyhash import bound_state

MAX_BLOCK = 1 << 30  # the largest string or table part ferrous builds (bytes)
LARGE = 1 << 20  # allocations from this size on are checked before they are made
POLL_MASK = 0xFFF  # a library loop looks at the clock when its counter & POLL_MASK is 0


def memory_error() -> LuaError:
    """Lua's LUA_ERRMEM: the message alone, no position, no message handler (5.1's luaD_throw
    sets it without calling xpcall's handler, so lua.c prints no traceback either)."""
    err = LuaError(b"not enough memory")
    err.handled = True
    err.traceback = b""
    return err


@dataclass(slots=True)
class Guard:
    """What a limited run may use. ``stop(kind)`` builds the exception that ends it, the one
    its slice check raises (kind: "memory", "time" or "interrupt")."""

    stop: Callable[[str], BaseException]
    memory: int | None = None  # heap bytes
    deadline: float | None = None  # time.monotonic() value
    interrupted: bool = False  # set from a signal handler or another thread
    # polls allowed (each after some thousands of library steps): a budget of library work
    # that, unlike a deadline, stops a replayed run at the same point (the debugger's
    # evaluations, which its history repeats)
    work: int | None = None

    def check(self) -> None:
        """Raise the run's stop when it is interrupted, past its deadline or out of work."""
        if self.interrupted:
            raise self.stop("interrupt")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.stop("time")
        if self.work is not None:
            self.work -= 1
            if self.work < 0:
                raise self.stop("work")


def reserve(L, nbytes: int, collect: bool = True) -> None:
    """Before allocating ``nbytes``: refuse what no run may build, or what would pass the
    run's memory limit (after a collection, as the slice check does, where one may run:
    ``collect=False`` inside a table's resize, whose table may be held by translated code
    alone)."""
    if nbytes > MAX_BLOCK:
        raise memory_error()
    guard = L.guard
    if guard is None or guard.memory is None:
        return
    if L.heap.count() + nbytes > guard.memory:
        if collect:
            L.collect()
        if L.heap.count() + nbytes > guard.memory:
            raise guard.stop("memory")


def over_limit(L) -> None:
    """After a collection the heap asked for: the run's memory limit holds at every collection,
    not only between slices."""
    guard = L.guard
    if guard is not None and guard.memory is not None and L.heap.count() > guard.memory:
        raise guard.stop("memory")


def poll(L) -> None:
    """A long library loop's look at the clock and the interrupt flag."""
    guard = L.guard
    if guard is not None:
        guard.check()


def compile_poll() -> Callable[[], None] | None:
    """The compiler's ``poll`` for a chunk compiled while a limited run goes (loadstring, load):
    the limits and interrupts hold during a long compilation too. None outside such a run."""
    L = bound_state()
    if L is None or L.guard is None:  # type: ignore[attr-defined]
        return None
    return L.guard.check  # type: ignore[attr-defined]


def poll_running() -> None:
    """poll() of the state whose code runs now (vm/runtime/keyhash.py's bound state)."""
    L = bound_state()
    if L is not None:
        guard = L.guard  # type: ignore[attr-defined]
        if guard is not None:
            guard.check()
