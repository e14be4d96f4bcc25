"""Handles at creation: while the debugger runs code every new object gets its handle at once,
so a replay names objects exactly as the first run did (``Running``, the debugger's context
while it runs code)."""

from __future__ import annotations

from vm.debugger.model import HANDLED
from vm.runtime import function, journal, track
from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata


class Running:
    """While the debugger runs code: handles at creation in this state's heap, each creation
    counted (for "where was this created"), the undo journal's barrier armed, and each prototype
    loaded handed to the traps (so that breakpoints reach code loaded later). Entered at every
    step, so it only swaps three module fields (nested runs, such as a condition evaluated at a
    trap, only count)."""

    __slots__ = ("d", "depth", "hook", "journal", "adopt", "saved_hook", "saved_proto")

    def __init__(self, d) -> None:
        self.d = d
        self.depth = 0  # one object per debugger, entered again by nested runs
        self.hook = d._created_now  # bound once: entered at every step
        self.journal = d._journal
        self.adopt = d._traps.adopt
        self.saved_hook = None
        self.saved_proto = None

    def enter(self) -> None:
        if self.depth:
            self.depth += 1
            return
        self.depth = 1
        self.saved_proto = function.on_prototype
        function.on_prototype = self.adopt
        self.saved_hook = track.hook
        track.hook = self.hook
        j = self.journal
        if journal.active is not j:
            j.start()
        j.armed = True  # only this object arms its debugger's journal

    def leave(self) -> None:
        self.depth -= 1
        if self.depth:
            return
        self.journal.armed = False
        track.hook = self.saved_hook
        function.on_prototype = self.saved_proto

    def __enter__(self) -> None:
        self.enter()

    def __exit__(self, *exc: object) -> None:
        self.leave()


def created_now(d, obj: object) -> None:
    """The creation hook: a handle now, the object counted in the epoch of the last mark."""
    h = d.w.L.heap.handle_of(obj)
    d._registry.add(obj)
    marks = d._marks
    d._created[h] = marks[-1].position if marks else 0
    d._allocs += 1


def register_existing(L: LuaState, register) -> None:
    """Give every object reachable now a handle, in a fixed order (the debugger may start
    on a state with a history, such as the REPL's), and ``register`` each."""
    heap = L.heap
    seen: set[int] = set()
    stack: list[object] = [L.globals, L.registry, L.string_meta, L.main]
    while stack:
        o = stack.pop()
        if o is None or id(o) in seen:
            continue
        cls = o.__class__
        if cls not in HANDLED:
            continue
        seen.add(id(o))
        heap.handle_of(o)
        if o is not L.main:
            register(o)
        if cls is LuaTable:
            stack.extend(reversed([v for kv in o.items() for v in kv]))  # type: ignore[attr-defined]
            stack.append(o.metatable)  # type: ignore[attr-defined]
        elif cls is LuaFunction:
            stack.append(o.env)  # type: ignore[attr-defined]
            stack.extend(c.regs[c.idx] for c in o.upvals)  # type: ignore[attr-defined]
        elif cls is Builtin:
            stack.append(o.env)  # type: ignore[attr-defined]
        elif cls is Userdata:
            stack.extend((o.env, o.metatable))  # type: ignore[attr-defined]
        elif cls is Coroutine:
            stack.extend((o.fn, o.globals))  # type: ignore[attr-defined]
            for f in o.frames:  # type: ignore[attr-defined]
                stack.extend(v for v in (f.cl, *(f.R or ()), *(f.varargs or ())))
    for v in (L.base_tostring, L.pairs_next, L.ipairs_aux, L.debug_getinfo,
              *L.proxy_metatables, *L.type_meta.values()):
        if v is not None:
            heap.handle_of(v)
            if id(v) not in seen:
                seen.add(id(v))
                register(v)
