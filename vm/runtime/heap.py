"""The heap: generational handles for collectable objects, and 5.1's mark-and-sweep collector.

Objects are Python objects (Python frees what nothing references); the heap adds what Lua
needs on top. A handle (slot index, generation) names an object for the user (``table#12``);
the collector frees the slots of objects it no longer reaches, and a reused slot gets the next
generation, so a stale handle is detected and reported with both generations. Collection marks
from the roots (globals, registry, string metatable, every thread's live registers, varargs and
upvalues), clears the dead entries of weak tables (``__mode``), and queues unreachable userdata
that have a ``__gc`` for finalization, newest first, as 5.1 does. Memory is accounted with 5.1's
object sizes: what the last collection found alive plus what was allocated since, and a new
cycle starts when that passes ``pause`` percent of the live size.
"""

from __future__ import annotations

from dataclasses import dataclass

from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.table import WEAK_KEYS, WEAK_VALUES, LuaTable
from vm.runtime.values import Userdata, type_name

# sizes of 5.1's objects on 64-bit, for collectgarbage("count")
CLOSURE_BYTES = 40
UPVAL_BYTES = 40
USERDATA_BYTES = 40
THREAD_BYTES = 1136
STRING_BYTES = 25  # sizeof(TString) + the terminating NUL

_COLLECTABLE = (LuaTable, LuaFunction, Builtin, Userdata, Coroutine)

# the debugger's write barrier (vm/runtime/journal.py), None when nothing records: called with
# the heap before a collection changes it, and with each weak table before entries are cleared
write_barrier = None


class StaleHandle(Exception):
    """A handle whose slot was freed (and perhaps reused by another object since)."""


@dataclass(frozen=True, slots=True)
class Handle:
    """An object's identity for the user: its heap slot and the slot's generation then."""

    index: int
    generation: int


class Heap:
    """Handles, accounting and the collector of one Lua state."""

    def __init__(self) -> None:
        self.objects: list[object | None] = []
        self.generations: list[int] = []
        self.free: list[int] = []
        self.finalizable: list[Userdata] = []  # every userdata, oldest first
        self.live = 0  # bytes found alive by the last collection
        self.debt = 0  # bytes allocated since
        self.pause = 200
        self.stepmul = 200
        self.running = True
        self.cycles = 0
        self.cycle_work = 0  # work left before the cycle being stepped through completes
        self.tracking = False  # handles given at creation (the debugger; see vm/runtime/track.py)

    # --- handles ----------------------------------------------------------------------------

    def handle_of(self, obj: object) -> Handle:
        """The object's handle, given on first request."""
        h = obj.handle  # type: ignore[attr-defined]
        if h is None:
            if self.free:
                i = self.free.pop()
                self.objects[i] = obj
            else:
                i = len(self.objects)
                self.objects.append(obj)
                self.generations.append(1)
            h = obj.handle = Handle(i, self.generations[i])  # type: ignore[attr-defined]
        return h

    def address(self, obj: object) -> int | None:
        """The address tostring shows. Outside the debugger: None (the caller uses the Python
        object's id). While tracking, one made from the handle, so that a replayed run prints
        the same text as the first time."""
        if not self.tracking or obj.__class__ not in _COLLECTABLE:
            return None
        return 0x10000000 + self.handle_of(obj).index * 0x40

    def label(self, obj: object) -> str:
        """``table#12`` style name."""
        return f"{type_name(obj).decode()}#{self.handle_of(obj).index}"

    def resolve(self, index: int, generation: int | None = None) -> object:
        """The object in a slot; StaleHandle names both generations when it is gone."""
        if not 0 <= index < len(self.objects):
            raise StaleHandle(f"no object #{index} in the heap")
        obj = self.objects[index]
        current = self.generations[index]
        if obj is None or (generation is not None and generation != current):
            wanted = generation if generation is not None else current
            if obj is None:
                raise StaleHandle(f"#{index} generation {wanted} was freed (slot is empty, "
                                  f"generation {current})")
            raise StaleHandle(f"#{index} generation {wanted} was freed; the slot now holds "
                              f"generation {current}")
        return obj

    # --- accounting -------------------------------------------------------------------------

    def allocated(self, nbytes: int) -> bool:
        """Count an allocation; True when a collection is due."""
        self.debt += nbytes
        return self.running and self.live + self.debt >= self.threshold

    @property
    def threshold(self) -> int:
        return max(self.live, 4096) * self.pause // 100

    def count(self) -> int:
        return self.live + self.debt

    def step(self, kb: int) -> bool:
        """collectgarbage("step", kb): 5.1 runs kb/1 KB worth of incremental steps, each worth
        stepmul% of 1 KB of work, and a cycle needs about as much work as the heap has bytes.
        The collection itself happens at once when the cycle's work is done: True then."""
        if self.cycle_work <= 0:
            self.cycle_work = self.count() + 1
        self.cycle_work -= (max(kb, 0) + 1) * 10 * self.stepmul
        return self.cycle_work <= 0

    # --- the collector ----------------------------------------------------------------------

    def collect(self, L) -> list[Userdata]:
        """A full cycle: mark, clear weak entries, separate finalizable userdata, sweep handles.
        Returns the userdata whose __gc must now be called, in the order to call them."""
        if write_barrier is not None:
            write_barrier(self)
        marked: dict[int, object] = {}
        strings: set[bytes] = set()
        weak: list[LuaTable] = []
        stack: list[object] = []
        size = 0

        def visit(v: object) -> None:
            cls = v.__class__
            if cls is bytes:
                strings.add(v)  # type: ignore[arg-type]
            elif cls in _COLLECTABLE and id(v) not in marked:
                marked[id(v)] = v
                stack.append(v)

        def drain() -> int:
            total = 0
            while stack:
                o = stack.pop()
                total += self._traverse(L, o, visit, weak)
            return total

        for root in (L.globals, L.registry, L.string_meta, L.main):
            if root is not None:
                visit(root)
        for co in self._threads(L):
            visit(co)
        size += drain()
        # unreachable userdata with a finalizer live on until their __gc has run
        to_finalize: list[Userdata] = []
        keep: list[Userdata] = []
        for u in self.finalizable:
            if id(u) in marked:
                keep.append(u)
                continue
            mt = u.metatable
            if mt is not None and mt.hash.get(b"__gc") is not None:
                to_finalize.append(u)
            # userdata without __gc are simply dropped
        for u in to_finalize:
            visit(u)
        size += drain()
        self.finalizable = keep
        finalized = {id(u) for u in to_finalize}
        for t in weak:
            self._clear_weak(t, marked, finalized)
        size += sum(STRING_BYTES + len(s) for s in strings)
        # sweep: free the handles of what was not reached
        objects = self.objects
        for i, obj in enumerate(objects):
            if obj is not None and id(obj) not in marked:
                objects[i] = None
                self.generations[i] += 1
                obj.handle = None  # type: ignore[attr-defined]
                self.free.append(i)
        self.live = size
        self.debt = 0
        self.cycles += 1
        self.cycle_work = 0
        to_finalize.reverse()  # 5.1 calls them newest first
        return to_finalize

    def _threads(self, L) -> list[Coroutine]:
        out = [L.current]
        co = L.current
        while co is not None and co.resumer is not None:
            co = co.resumer
            out.append(co)
        return out

    def _traverse(self, L, o: object, visit, weak: list[LuaTable]) -> int:
        """Visit what o references; returns o's size in bytes."""
        cls = o.__class__
        if cls is LuaTable:
            mt = o.metatable  # type: ignore[attr-defined]
            mode = 0
            if mt is not None:
                visit(mt)
                m = mt.hash.get(b"__mode")
                if m.__class__ is bytes:
                    mode = (WEAK_KEYS if b"k" in m else 0) | (WEAK_VALUES if b"v" in m else 0)
            o.weak = mode  # type: ignore[attr-defined]
            if mode:
                weak.append(o)  # type: ignore[arg-type]
            if not mode & WEAK_VALUES:
                for v in o.arr:  # type: ignore[attr-defined]
                    if v is not None:
                        visit(v)
            nil = False
            for k, v in o.hash.items():  # type: ignore[attr-defined]
                if v is None:
                    nil = True
                    continue
                if not mode & WEAK_KEYS:
                    visit(k)
                if not mode & WEAK_VALUES:
                    visit(v)
            if nil:  # nodes with a nil value: their collectable keys become DEADKEY nodes
                o.remove_dead_entries()  # type: ignore[attr-defined]
            return o.memory_size()  # type: ignore[attr-defined]
        if cls is LuaFunction:
            visit(o.env)  # type: ignore[attr-defined]
            for cell in o.upvals:  # type: ignore[attr-defined]
                visit(cell.regs[cell.idx])
            for k in o.p.proto.constants:  # type: ignore[attr-defined]
                if k.__class__ is bytes:
                    visit(k)
            n = len(o.upvals)  # type: ignore[attr-defined]
            return CLOSURE_BYTES + 8 * max(n - 1, 0) + UPVAL_BYTES * n
        if cls is Builtin:
            if o.env is not None:  # type: ignore[attr-defined]
                visit(o.env)  # type: ignore[attr-defined]
            for r in getattr(o.fn, "lua_refs", ()):  # type: ignore[attr-defined]
                visit(r)
            return CLOSURE_BYTES
        if cls is Userdata:
            if o.metatable is not None:  # type: ignore[attr-defined]
                visit(o.metatable)  # type: ignore[attr-defined]
            if o.env is not None:  # type: ignore[attr-defined]
                visit(o.env)  # type: ignore[attr-defined]
            return USERDATA_BYTES
        if cls is Coroutine:
            if o.fn is not None:  # type: ignore[attr-defined]
                visit(o.fn)  # type: ignore[attr-defined]
            if o.globals is not None:  # type: ignore[attr-defined]
                visit(o.globals)  # type: ignore[attr-defined]
            frames = o.frames  # type: ignore[attr-defined]
            for f in frames:
                self._traverse_frame(f, visit)
            return THREAD_BYTES
        return 0

    @staticmethod
    def _traverse_frame(f, visit) -> None:
        """A frame's live values. Registers above the running call's arguments are dead: not
        roots, and cleared to nil as 5.1 clears the stack above its top, so that nothing can
        reach a collected object through them."""
        if f.cl is not None:
            visit(f.cl)
        if f.varargs:
            for v in f.varargs:
                visit(v)
        R = f.R
        if R is None:
            return
        end = len(R)
        if f.cl is not None:
            from vm.bytecode.opcodes import Op, get_a, get_b, get_op

            p = f.cl.p
            pc = f.pc - 1
            code = p.proto.code
            if 0 <= pc < len(code) and get_op(code[pc]) in (Op.CALL, Op.TAILCALL):
                a = get_a(code[pc])
                b = get_b(code[pc])
                nargs = (b - 1) if b else max(f.top - p.nk - a - 1, 0)
                end = p.nk + a + 1 + nargs
        for v in R[:end]:
            visit(v)
        if end < len(R):  # 5.1 sets the dead part of the stack to nil (traversestack)
            R[end:] = [None] * (len(R) - end)
        if f.open_upvals:
            for cell in f.open_upvals.values():
                visit(cell.regs[cell.idx])

    @staticmethod
    def _clear_weak(t: LuaTable, marked: dict[int, object], finalized: set[int]) -> None:
        """Remove the entries whose weak key or value was not reached (strings, numbers and
        booleans are values, never collected). Userdata about to be finalized were kept alive
        for their __gc: as values they go now, as keys in the next cycle (5.1's iscleared)."""
        mode = t.weak
        if write_barrier is not None:
            write_barrier(t)

        def dead_value(v: object) -> bool:
            return v.__class__ in _COLLECTABLE and (id(v) not in marked or id(v) in finalized)

        if mode & WEAK_VALUES:
            arr = t.arr
            for i, v in enumerate(arr):
                if dead_value(v):
                    arr[i] = None
        dead = []
        for k, v in t.hash.items():
            if v is None:
                continue
            if ((mode & WEAK_KEYS and k.__class__ in _COLLECTABLE and id(k) not in marked)
                    or (mode & WEAK_VALUES and dead_value(v))):
                dead.append(k)
        if dead:
            t.clear_entries(dead)  # nil values; collectable keys become DEADKEY nodes
