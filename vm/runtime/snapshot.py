"""Copies of a whole Lua state, for the debugger's checkpoints.

A copy is ``copy.deepcopy`` of the state's object graph with a few things shared rather than
copied: code (prototypes, which are immutable), values from outside (the debugger's tape) and
the embedding's Python streams. Two things make a copy impossible, and ``NotCopyable`` says so:
a library function suspended half-way (a generator frame: pcall, table.sort with a comparator,
a coroutine resumed from Lua), whose Python state cannot be copied, and a Python object of the
embedding that refuses to be copied. The debugger then simply takes its checkpoint later.

deepcopy recurses once per level of nesting, so the copy runs on a thread with a large stack
and a raised recursion limit: a linked list of 100,000 tables copies like any other state.
"""

from __future__ import annotations

import copy
import sys
import threading

STACK_BYTES = 512 * 1024 * 1024
RECURSION = 1_000_000


class NotCopyable(Exception):
    """The state holds something that cannot be copied right now."""


_lock = threading.Lock()


def copy_state(obj: object, shared: list[object]) -> object:
    """A deep copy of obj (a state, or a record holding one) that shares the objects in
    ``shared``; NotCopyable when that cannot be done now."""
    result: list[object] = []
    failure: list[BaseException] = []

    def work() -> None:
        memo = {id(o): o for o in shared}
        try:
            result.append(copy.deepcopy(obj, memo))
        except (TypeError, RecursionError, copy.Error) as exc:
            failure.append(exc)

    with _lock:
        old_stack = threading.stack_size()
        old_limit = sys.getrecursionlimit()
        threading.stack_size(STACK_BYTES)
        sys.setrecursionlimit(max(old_limit, RECURSION))
        try:
            t = threading.Thread(target=work, name="ferrous-snapshot")
            t.start()
            t.join()
        finally:
            threading.stack_size(old_stack)
            sys.setrecursionlimit(old_limit)
    if failure:
        raise NotCopyable(str(failure[0]))
    return result[0]
