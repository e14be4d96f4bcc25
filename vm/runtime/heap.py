"""The heap: generational handles for collectable objects, and 5.1's mark-and-sweep collector.

Objects are Python objects (Python frees what nothing references); the heap adds what Lua
needs on top. A handle (slot index, generation) names an object for the user (``table#12``);
the collector frees the slots of objects it no longer reaches, and a reused slot gets the next
generation, so a stale handle is detected and reported with both generations. Collection marks
from the roots (globals, registry, string metatable, every thread's live registers, varargs and
upvalues), clears the dead entries of weak tables (``__mode``), and queues unreachable userdata
that have a ``__gc`` for finalization, newest first, as 5.1 does. Memory is accounted with 5.1's
object sizes (the state, the string table, prototypes and the libraries' own objects included):
what the last collection found alive plus what was allocated since.

Pacing is 5.1's incremental collector's (lgc.c luaC_step), the cycle's work done at once at its
end: a cycle starts when the count passes ``pause`` percent of what the last one found alive
(200: the heap doubled); while it runs, each byte allocated pays ``stepmul``/100 units of its work
(the bytes of the live objects to walk, GCSWEEPCOST per object to sweep), and when the work is
paid the cycle completes: the mark and sweep happen, atomically. ``collectgarbage("step", kb)``
pays (kb + 1) steps' worth of work and says whether the cycle completed. Collections stay
proportional to allocation, never one per allocation.
"""

from __future__ import annotations

from dataclasses import dataclass

from vm.bytecode.proto import Proto
from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin, LuaFunction, Prototype
from vm.runtime.table import WEAK_KEYS, WEAK_VALUES, LuaTable
from vm.runtime.values import Userdata, type_name

# sizes of 5.1's objects on 64-bit, for collectgarbage("count")
CLOSURE_BYTES = 40
UPVAL_BYTES = 40
USERDATA_BYTES = 40
THREAD_BYTES = 1136
STRING_BYTES = 25  # sizeof(TString) + the terminating NUL
STATE_BYTES = 616  # sizeof(LG): the main lua_State and the global_State, allocated as one block
PROTO_BYTES = 120  # sizeof(Proto), without its arrays
MINSTRTABSIZE = 32  # the string table's hash array starts with 32 buckets, 8 bytes each
GCSTEPSIZE = 1024  # lgc.h: an incremental step is due every GCSTEPSIZE bytes allocated
GCSWEEPCOST = 10  # lgc.c: work units to sweep one object or one string bucket

# strings 5.1 interns at start and never collects (luaX_init's reserved words, luaT_init's
# metamethod names, lstate.c's MEMERRMSG)
FIXED_STRINGS = (
    b"and", b"break", b"do", b"else", b"elseif", b"end", b"false", b"for", b"function", b"if",
    b"in", b"local", b"nil", b"not", b"or", b"repeat", b"return", b"then", b"true", b"until",
    b"while", b"__index", b"__newindex", b"__gc", b"__mode", b"__eq", b"__add", b"__sub",
    b"__mul", b"__div", b"__mod", b"__pow", b"__unm", b"__len", b"__lt", b"__le", b"__concat",
    b"__call", b"not enough memory")

_COLLECTABLE = (LuaTable, LuaFunction, Builtin, Userdata, Coroutine)

# the debugger's write barrier (vm/runtime/journal.py), None when nothing records: called with
# the heap before a collection changes it, and with each weak table before entries are cleared
write_barrier = None


def _proto_size(proto: Proto) -> int:
    """sizeof(Proto) and its arrays: code, constants, children, lines, locals, upvalues."""
    return (PROTO_BYTES + 4 * len(proto.code) + 16 * len(proto.constants) + 8 * len(proto.protos)
            + 4 * len(proto.lineinfo) + 16 * len(proto.locvars) + 8 * len(proto.upvalues))


def loaded_bytes(proto: Proto) -> int:
    """What 5.1's parser or undump allocates for a chunk (its prototypes, walked without
    recursion, and the main closure; strings are counted at the next collection)."""
    total = CLOSURE_BYTES
    stack = [proto]
    while stack:
        q = stack.pop()
        stack.extend(q.protos)
        total += _proto_size(q)
    return total


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
        self.work = 0  # units of work the last cycle needed (lgc.c's singlestep costs)
        self.in_cycle = False  # a cycle started (lgc.c's gcstate past GCSpause)
        # the count at which the collector acts next: a cycle starts (paused), or the cycle's
        # work is paid and it completes (in a cycle). Set for a state whose libraries are not
        # measured yet; account() sets it as a collection does.
        self.threshold = 4096 * self.pause // 100
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
        """Count an allocation; True when the collector is due (luaC_checkGC): call due()."""
        self.debt += nbytes
        return self.running and self.live + self.debt >= self.threshold

    def count(self) -> int:
        return self.live + self.debt

    def due(self) -> bool:
        """luaC_step, once the count reached the threshold. Paused: a cycle starts, to complete
        when the allocations from now on have paid its work. In a cycle: the work is paid.
        True when the cycle completes now (the caller collects)."""
        if self.in_cycle:
            return True
        return self._start_cycle()

    def step(self, kb: int) -> bool:
        """collectgarbage("step", kb): lua_gc runs about kb + 1 luaC_steps (kb as far as the
        heap has KB), each worth GCSTEPSIZE/100 * stepmul units of work, starting a cycle if
        none runs. True when the cycle completes (the caller collects)."""
        if not self.in_cycle and self._start_cycle():
            return True
        kb = min(max(kb, 0), self.count() >> 10)
        left = self._work_left() - (kb + 1) * (GCSTEPSIZE // 100) * self.stepmul
        if left <= 0:
            return True
        self.threshold = self.count() + left * 100 // self.stepmul
        return False

    def restart(self) -> None:
        """collectgarbage("restart"): lua_gc sets the threshold to the count, so the next
        allocation steps the collector."""
        self.running = True
        self.threshold = self.count()

    def _start_cycle(self) -> bool:
        """A cycle starts. Its work: what the last cycle's was (propagation costs the bytes of
        the objects it walks, the sweep GCSWEEPCOST per object and per string bucket), plus
        the sweep of what was allocated since, at GCSWEEPCOST for about 80 bytes (a small
        table or string). stepmul 0 means no limit per step, so the cycle completes at once:
        True then."""
        self.in_cycle = True
        if self.stepmul <= 0:
            return True
        work = self.work + self.debt // 8
        self.threshold = self.count() + work * 100 // self.stepmul
        return False

    def _work_left(self) -> int:
        """Units of work the running cycle still needs: what the allocations until the
        threshold would pay."""
        return max(self.threshold - self.count(), 0) * self.stepmul // 100

    def account(self, L) -> None:
        """Measure what a new state holds (the libraries' objects and strings, made without
        counting their allocations) as the live size 5.1 would count, and pace from there."""
        cycles = self.cycles
        self.collect(L)
        self.cycles = cycles

    # --- the collector ----------------------------------------------------------------------

    def collect(self, L) -> list[Userdata]:
        """A full cycle: mark, clear weak entries, separate finalizable userdata, sweep handles.
        Returns the userdata whose __gc must now be called, in the order to call them."""
        if write_barrier is not None:
            write_barrier(self)
        marked: dict[int, object] = {}
        strings: set[bytes] = set(FIXED_STRINGS)
        weak: list[LuaTable] = []
        stack: list[object] = []
        size = 0

        def visit(v: object) -> None:
            cls = v.__class__
            if cls is bytes:
                strings.add(v)  # type: ignore[arg-type]
            elif (cls in _COLLECTABLE or cls is Prototype) and id(v) not in marked:
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
        buckets = MINSTRTABSIZE
        while buckets < len(strings):  # luaS_resize doubles the hash array as strings come
            buckets *= 2
        self.work = size + GCSWEEPCOST * (len(marked) + buckets)
        size += sum(STRING_BYTES + len(s) for s in strings) + STATE_BYTES + 8 * buckets
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
        self.in_cycle = False
        self.threshold = size // 100 * self.pause  # setthreshold
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
            visit(o.p)  # type: ignore[attr-defined]
            n = len(o.upvals)  # type: ignore[attr-defined]
            return CLOSURE_BYTES + 8 * max(n - 1, 0) + UPVAL_BYTES * n
        if cls is Prototype:
            proto = o.proto  # type: ignore[attr-defined]
            for k in proto.constants:
                if k.__class__ is bytes:
                    visit(k)
            for child in o.protos:  # type: ignore[attr-defined]
                visit(child)
            if proto.source is not None:
                visit(proto.source)
            for lv in proto.locvars:
                visit(lv.name)
            for name in proto.upvalues:
                visit(name)
            return _proto_size(proto)
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
