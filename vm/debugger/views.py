"""Read-only views of the paused program for front ends, and what the last step changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vm import inspect
from vm.chunkid import chunkid
from vm.debugger import explain
from vm.debugger.model import Changes, CoroutineView, FunctionView, HeapObject
from vm.runtime.coroutine import Coroutine
from vm.runtime.frame import Frame
from vm.runtime.function import LuaFunction
from vm.runtime.table import LuaTable
from vm.runtime.values import raw_equal, type_name


@dataclass(slots=True)
class Fingerprint:
    """What a step is compared against to find what it changed."""

    frame: Frame | None
    registers: list
    upvalues: list
    globals: dict | None  # None: unchanged unless the journal saved it since (see journaled)
    depth: int
    journaled: tuple | None  # the journal's epoch dict then and the number of marks (globals None)


class Views:
    """The Debugger's views (a part of its class)."""

    def output_text(self) -> bytes:
        return self.w.L.out.getvalue()  # type: ignore[union-attr]

    def frames(self, threads: bool = False) -> tuple[inspect.FrameView, ...]:
        """The running thread's frames, innermost first (none once the call is over); with
        ``threads``, inside a coroutine, those of the threads that resumed it follow (the
        whole logical stack), their depths counting on as the other views count them."""
        if self.w.done:
            return ()
        L = self.w.L
        return inspect.frames(L, failing=L.pending_error is not None and L.frames[-1].cl is not None,
                              threads=threads)

    def traceback(self) -> str:
        """The running thread's stack as lua5.1's traceback words it (``stack traceback:``
        then one line a frame, innermost first); stopped on an error, as the error's own
        traceback would read (the library function that raised it first)."""
        from vm.runtime.errors import traceback

        if self.w.done:
            return "stack traceback:"
        L = self.w.L
        c_top = L.inline_c_function() if L.pending_error is not None else False
        return traceback(L, 0, c_top).decode("utf-8", "backslashreplace")

    def heap_objects(self) -> list[HeapObject]:
        """Every object in the heap arena, by handle."""
        heap = self.w.L.heap
        out = []
        for i, obj in enumerate(heap.objects):
            if obj is None:
                continue
            out.append(HeapObject(i, heap.generations[i], type_name(obj).decode(), size_of(obj),
                                  heap.label(obj)))
        return out

    def resolve(self, index: int, generation: int | None = None) -> object:
        """The object a handle names; StaleHandle (naming both generations) when it is gone."""
        return self.w.L.heap.resolve(index, generation)

    def function_view(self, depth: int = 0) -> FunctionView | None:
        """The listing and constants of the Lua function running at ``depth`` (None for a
        library function's frame)."""
        f = self._frame_at(depth)
        if f is None:
            return None
        proto = f.cl.p.proto
        cached = self._listings.get(id(proto))
        if cached is not None and cached[0] is proto:
            return cached[1]
        from vm.bytecode.listing import format_instruction

        kind = "main" if proto.linedefined == 0 else "function"
        name = chunkid(proto.source if proto.source is not None else b"=?").decode("utf-8", "replace")
        n = len(proto.code)
        header = (f"{kind} <{name}:{proto.linedefined},{proto.lastlinedefined}> "
                  f"({n} instruction{'' if n == 1 else 's'})")
        lines = proto.lineinfo
        rows = tuple((pc, lines[pc] if pc < len(lines) else 0, listed(proto, pc, name, format_instruction))
                     for pc in range(n))
        view = FunctionView(proto.source if proto.source is not None else b"=?", proto.linedefined,
                            proto.lastlinedefined, header, rows, tuple(proto.constants))
        self._listings[id(proto)] = (proto, view)
        return view

    def explanation(self, depth: int = 0, show: Callable[[object], str] | None = None) -> str:
        """The instruction the frame at ``depth`` is at (about to run, or in a call), in plain
        words with its operands named and the values it reads (vm/explain.py); "" for a
        library function's frame. ``show`` says how a value is written (default: objects by
        handle, library functions by name)."""
        f = self._frame_at(depth)
        if f is None or not f.cl.p.proto.code:
            return ""
        pc = f.pc if depth == 0 and self.w.L.pending_error is None else f.pc - 1
        pc = min(max(pc, 0), len(f.cl.p.proto.code) - 1)
        try:
            return explain.next_instruction(f, pc, show or explain.default_show(self.w.L.heap))
        except Exception:  # noqa: BLE001 - an explanation must never break the view
            return inspect.instruction(f.cl, pc)

    def step_result(self, depth: int = 0, show: Callable[[object], str] | None = None) -> str:
        """What the last step did, told in the frame at ``depth``: the instruction that ran
        there with its result (``R3 := #t = 4``), the call it is in, or the call that just
        returned to it; "" when the last step did not run in it (or went more than one
        instruction at a time without looking)."""
        f = self._frame_at(depth)
        if f is None or self.w.done or self.w.L.pending_error is not None:
            return ""
        try:
            return explain.last_step(self.w.L.frames, self.last_step, f, depth == 0,
                                     show or explain.default_show(self.w.L.heap))
        except Exception:  # noqa: BLE001 - an explanation must never break the view
            return ""

    def shared_cells(self, depth: int = 0) -> tuple[tuple[str, ...], ...]:
        """For each upvalue of the closure at ``depth``: the labels of the other live closures
        that hold the same cell (an empty tuple each for a library function's frame)."""
        heap = self.w.L.heap
        return tuple(tuple(heap.label(o) for o in x) for x in self.sharing_closures(depth))

    def sharing_closures(self, depth: int = 0) -> tuple[tuple[object, ...], ...]:
        """For each upvalue of the closure at ``depth``: the other live closures that hold the
        same cell (an empty tuple each for a library function's frame)."""
        f = self._frame_at(depth)
        if f is None:
            return ()
        cl = f.cl
        cells = {id(c): i for i, c in enumerate(cl.upvals)}
        found: list[list[object]] = [[] for _ in cl.upvals]
        for obj in self.w.L.heap.objects:
            if obj is None or obj is cl or obj.__class__ is not LuaFunction:
                continue
            for c in obj.upvals:  # type: ignore[attr-defined]
                i = cells.get(id(c))
                if i is not None:
                    found[i].append(obj)
        return tuple(tuple(x) for x in found)

    def coroutines(self) -> tuple[CoroutineView, ...]:
        """The coroutines of the heap (not the main thread) with their status, by handle."""
        L = self.w.L
        heap = L.heap
        return tuple(CoroutineView(heap.label(o), o.status.decode(), o)  # type: ignore[attr-defined]
                     for o in heap.objects if o.__class__ is Coroutine and o is not L.main)

    def globals_table(self) -> LuaTable:
        """The global table of the debugged state (as it is now)."""
        return self.w.L.globals

    def _fingerprint(self) -> tuple:
        """Taken before every command, so the stepping rate depends on it: the fields of a
        ``Fingerprint`` as a tuple (made into one when a view asks): the top frame, its
        registers and upvalue values copied, the globals only through the journal (copied
        only when this epoch has already changed them)."""
        w = self.w
        L = w.L
        frames = L.frames
        f = frames[-1] if frames and not w.done else None
        cl = None if f is None else f.cl
        if cl is not None:
            regs = f.R[:]  # type: ignore[union-attr]
            ups = [c.regs[c.idx] for c in cl.upvals]
        else:
            regs, ups = [], []
        g = L.current.globals
        saved = self._journal.saved
        if id(g) in saved:  # already changed in this epoch: its before-image is older
            return (f, regs, ups, dict(g.hash), len(frames), None)
        return (f, regs, ups, None, len(frames), (saved, len(self._marks)))

    def _globals_before(self, before: Fingerprint) -> dict:
        """The global table's entries when ``before`` was taken: the journal's before-image of
        the first epoch since that changed it, else as they are now."""
        g = self.w.L.globals
        if before.globals is not None:
            return before.globals
        start, n = before.journaled
        for saved in (start, *(m.saved for m in self._marks[n:]), self._journal.saved):
            entry = saved.get(id(g))
            if entry is not None:
                return entry[1][1]
        return g.hash

    def _diff(self, before: Fingerprint) -> Changes:
        after = Fingerprint(*self._fingerprint())
        same = after.frame is before.frame and after.frame is not None
        regs: set[int] = set()
        ups: set[int] = set()
        if same and after.frame.cl is not None:  # type: ignore[union-attr]
            nk = after.frame.cl.p.nk  # type: ignore[union-attr]
            for i in range(nk, min(len(before.registers), len(after.registers))):
                if not same_value(before.registers[i], after.registers[i]):
                    regs.add(i - nk)
            for i, (a, b) in enumerate(zip(before.upvalues, after.upvalues, strict=False)):
                if not same_value(a, b):
                    ups.add(i)
        old_globals, new_globals = self._globals_before(before), self.w.L.globals.hash
        changed_globals = {k for k, v in new_globals.items()
                           if (old := old_globals.get(k)) is not v and not same_value(old, v)}
        changed_globals.update(k for k in old_globals if k not in new_globals)
        return Changes(frozenset(regs), frozenset(ups), frozenset(changed_globals),
                       not same or after.depth != before.depth)


def same_value(a: object, b: object) -> bool:
    if a is b:
        return True
    if a.__class__ is float and b.__class__ is float:
        return a == b  # type: ignore[operator]
    return raw_equal(a, b)


def listed(proto, pc: int, name: str, format_instruction) -> str:
    """An instruction as luac lists it, a CLOSURE naming its function's line (not an address,
    which would differ between runs and between copies of the state)."""
    text = format_instruction(proto, pc, lambda child: 0)
    if text.startswith("CLOSURE"):
        from vm.bytecode.opcodes import get_bx

        bx = get_bx(proto.code[pc])
        if bx < len(proto.protos):
            text = text.rsplit("\t; ", 1)[0] + f"\t; function <{name}:{proto.protos[bx].linedefined}>"
    return text


def upvalues_of(obj: object) -> list[tuple[bytes, object]] | None:
    """A Lua closure's upvalues as (name, value), read raw; None for any other value."""
    if obj.__class__ is not LuaFunction:
        return None
    names = obj.p.proto.upvalues  # type: ignore[attr-defined]
    return [(names[i] if i < len(names) else b"?", c.regs[c.idx])
            for i, c in enumerate(obj.upvals)]  # type: ignore[attr-defined]


def size_of(obj: object) -> int:
    if obj.__class__ is LuaTable:
        return len(obj.arr) + len(obj.hash)  # type: ignore[attr-defined]
    if obj.__class__ is LuaFunction:
        return len(obj.upvals)  # type: ignore[attr-defined]
    return 0
