"""Where line events can happen: the control flow of a prototype, read once.

Lua 5.1 fires a line event before an instruction (ldebug.c traceexec) when its frame enters the
function, when the previous instruction the frame ran was on another line, or when it jumped
back (the previous pc is not below this one). A breakpoint on a line must hold exactly there,
but a trap only sees the instruction about to run, not the one before it. So each pc is
classed by its predecessors (the pcs that can run just before it in the same frame):

- ``ALWAYS``: every way in makes an event (pc 0, or every predecessor is on another line or
  behind it): the trap decides alone;
- ``NEVER``: no way in makes one (the instruction before it is on the same line);
- ``AMBIGUOUS``: some ways in do, some do not (the FORLOOP of a ``for`` line is reached from
  its FORPREP on the same line, quietly, and from the end of the body, with an event). The
  quiet predecessors are trapped too, and leave a mark saying "the next instruction of this
  frame comes from me" (see vm/debugger/traps.py).

A predecessor that runs no Lua code of its own (no call, no metamethod) is *plain*: the next
instruction of the whole machine is the one it leads to, so a mark by position is exact. The
others (calls, and whatever may call a metamethod) leave their mark on the frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from vm.runtime.function import Prototype, successors

ALWAYS, NEVER, AMBIGUOUS = 0, 1, 2

# MOVE LOADK LOADBOOL LOADNIL GETUPVAL SETUPVAL NEWTABLE NOT JMP TEST TESTSET FORLOOP FORPREP
# SETLIST CLOSE CLOSURE VARARG: they run no Lua code (an allocation may collect, but finalizers
# wait for collectgarbage)
PLAIN = frozenset({0, 1, 2, 3, 4, 8, 10, 19, 22, 26, 27, 31, 32, 34, 35, 36, 37})


@dataclass(frozen=True, slots=True)
class Flow:
    """A prototype's control flow: ``preds[pc]`` the pcs that can run just before pc in the same
    frame; ``kind[pc]`` its line-event class; ``quiet[pc]`` the predecessors that reach it without
    an event (for AMBIGUOUS pcs)."""

    preds: tuple[tuple[int, ...], ...]
    kind: tuple[int, ...]
    quiet: tuple[frozenset[int], ...]

    def line_pcs(self, lineinfo: list[int], line: int) -> list[int]:
        """The pcs where a line event for ``line`` can happen."""
        return [pc for pc, ln in enumerate(lineinfo) if ln == line and pc < len(self.kind)
                and self.kind[pc] != NEVER]


_flows: WeakKeyDictionary[Prototype, Flow] = WeakKeyDictionary()


def flow(p: Prototype) -> Flow:
    """The flow of a prototype (computed once; prototypes never change)."""
    found = _flows.get(p)
    if found is None:
        found = _flows[p] = _analyse(p)
    return found


def _analyse(p: Prototype) -> Flow:
    code = p.decoded
    n = len(code)
    lineinfo = p.proto.lineinfo
    preds: list[list[int]] = [[] for _ in range(n)]
    for pc in range(n):
        for s in successors(code, pc):
            if 0 <= s < n:
                preds[s].append(pc)
    kinds: list[int] = []
    quiet: list[frozenset[int]] = []
    for pc in range(n):
        line = lineinfo[pc] if pc < len(lineinfo) else None
        calm = frozenset(q for q in preds[pc]
                         if q < pc and q < len(lineinfo) and lineinfo[q] == line)
        loud = pc == 0 or len(calm) < len(preds[pc])
        if not calm:
            kinds.append(ALWAYS if loud else NEVER)
        else:
            kinds.append(AMBIGUOUS if loud else NEVER)
        quiet.append(calm if loud else frozenset())
    return Flow(tuple(tuple(x) for x in preds), tuple(kinds), tuple(quiet))


def entry_jumps(p: Prototype) -> tuple[int, ...]:
    """The pcs that jump back to pc 0 (arriving there by them is not entering the function)."""
    return flow(p).preds[0] if p.decoded else ()
