"""The undo journal: before-images of what a debugged run changes, so going back costs what
changed, not the size of the heap.

While the debugger records, a *write barrier* is installed in the modules that change heap
objects in place (table.py's methods, the interpreter's fast paths, upvalue cells closing, the
collector, the few library functions that set metatables, environments and upvalues). The first
time an object is about to change after the journal's current *mark*, the barrier saves the
object's state (a table's ``capture_state``; a cell's list, index and value; a function's or a
userdata's environment and metatable; the heap's arena before a collection). Putting those
before-images back, newest mark first, returns every object to what it was at a mark, in place:
objects keep their identity through time travel. What is small and changes at every instruction
(frames, registers, coroutine status, the state's own fields) is not journaled but captured
whole at each mark (vm/debugger/marks.py).

When nothing records, ``write_barrier`` is None in every module and the only cost is that test,
in the table methods and on three instructions' fast paths (SETTABLE into the array part,
SETLIST, SETUPVAL); see bench/run.py.
"""

from __future__ import annotations

import io
from types import MethodType

from vm.runtime import function as _function
from vm.runtime import heap as _heap
from vm.runtime import interp as _interp
from vm.runtime import state as _state
from vm.runtime import table as _table
from vm.runtime.coroutine import Coroutine
from vm.runtime.frame import Frame
from vm.runtime.function import Builtin, LuaFunction, UpvalCell
from vm.runtime.heap import Handle, Heap
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata

_BARRIER_MODULES = (_table, _interp, _function, _heap, _state)
_LUA_OBJECTS = (LuaTable, LuaFunction, Builtin, Userdata, Coroutine, UpvalCell)
_ATOMIC = (type(None), bool, int, float, bytes, str, tuple, frozenset)

active: Journal | None = None  # the journal recording now, if any


def touch(obj: object) -> None:
    """The barrier for library code (setmetatable, setfenv, debug.setupvalue ...): call it with
    a table, a function, a userdata or a cell before changing it."""
    j = active
    if j is not None and j.armed:
        j.touch(obj)


class Journal:
    """Before-images of the objects changed since the current mark (``saved``: id -> (object,
    state)), and the heap's arena as it was before the first collection since then."""

    __slots__ = ("saved", "heap_image", "armed")

    def __init__(self) -> None:
        self.saved: dict[int, tuple[object, object]] = {}
        self.heap_image: tuple[list, list] | None = None
        self.armed = False  # journaling only while the debugger runs code (see start)

    def start(self) -> None:
        """Install the barrier. It stays installed (until ``stop``, or another journal starts)
        so that each run of the debugger only has to arm it: changes are journaled while
        ``armed`` is true."""
        global active
        active = self
        for mod in _BARRIER_MODULES:
            mod.write_barrier = self.touch  # type: ignore[attr-defined]

    def stop(self) -> None:
        """Remove this journal's barrier, if installed (ordinary running: no cost but a test)."""
        global active
        self.armed = False
        if active is self:
            active = None
            for mod in _BARRIER_MODULES:
                mod.write_barrier = None  # type: ignore[attr-defined]

    def touch(self, obj: object) -> None:
        """Save obj's state unless it was saved since the mark (the write barrier)."""
        if not self.armed:
            return
        key = id(obj)
        if key in self.saved:
            return
        cls = obj.__class__
        if cls is LuaTable:
            state: object = obj.capture_state()  # type: ignore[attr-defined]
        elif cls is UpvalCell:
            state = (obj.regs, obj.idx, obj.regs[obj.idx])  # type: ignore[attr-defined]
        elif cls is LuaFunction or cls is Builtin:
            state = obj.env  # type: ignore[attr-defined]
        elif cls is Userdata:
            state = (obj.metatable, obj.env)  # type: ignore[attr-defined]
        elif cls is Frame:
            state = None  # a generator frame about to move on: noted, nothing to put back
        elif cls is Heap:
            if self.heap_image is None:
                self.heap_image = (list(obj.objects), list(obj.generations))  # type: ignore[attr-defined]
            return
        else:
            return
        self.saved[key] = (obj, state)

    def new_epoch(self) -> tuple[dict, tuple[list, list] | None]:
        """Begin recording after a new mark; returns what was recorded since the previous one."""
        done = (self.saved, self.heap_image)
        self.saved = {}
        self.heap_image = None
        return done


def undo(saved: dict[int, tuple[object, object]]) -> None:
    """Put the before-images of one epoch back."""
    for obj, state in saved.values():
        cls = obj.__class__
        if cls is LuaTable:
            obj.restore_state(state)  # type: ignore[attr-defined]
        elif cls is UpvalCell:
            regs, idx, value = state  # type: ignore[misc]
            obj.regs = regs  # type: ignore[attr-defined]
            obj.idx = idx  # type: ignore[attr-defined]
            regs[idx] = value
        elif cls is LuaFunction or cls is Builtin:
            obj.env = state  # type: ignore[attr-defined]
        elif cls is Userdata:
            obj.metatable, obj.env = state  # type: ignore[attr-defined, misc]


def before_image(saved: dict[int, tuple[object, object]], obj: object) -> object:
    """The state obj had at the start of an epoch, if the epoch changed it; else None."""
    entry = saved.get(id(obj))
    return None if entry is None else entry[1]


# --- the heap arena ---------------------------------------------------------------------------


def heap_capture(heap: Heap) -> tuple:
    """What a mark keeps of the heap: the arena's length and free slots (allocations since then
    are undone from these), the counters, and the userdata list."""
    return (len(heap.objects), list(heap.free), list(heap.finalizable), heap.live, heap.debt,
            heap.pause, heap.stepmul, heap.running, heap.cycles, heap.in_cycle, heap.threshold, heap.work)


def heap_restore(heap: Heap, mark: tuple, image: tuple[list, list] | None) -> None:
    """Back to a mark's arena: ``image`` is the arena before the first collection since the mark
    (None when there was none). Objects allocated since are dropped; handles the collector
    cleared are given back."""
    (n, free, heap.finalizable, heap.live, heap.debt, heap.pause, heap.stepmul, heap.running,
     heap.cycles, heap.in_cycle, heap.threshold, heap.work) = mark
    heap.finalizable = list(heap.finalizable)
    objects = heap.objects
    if image is not None:
        objects[:] = image[0]
        heap.generations[:] = image[1]
    del objects[n:]
    del heap.generations[n:]
    for i in free:
        if i < n:
            objects[i] = None
    heap.free[:] = free
    if image is not None:
        gens = heap.generations
        for i, obj in enumerate(objects):
            if obj is not None:
                h = obj.handle  # type: ignore[attr-defined]
                if h is None or h.index != i or h.generation != gens[i]:
                    obj.handle = Handle(i, gens[i])  # type: ignore[attr-defined]


# --- library state held in Python objects ------------------------------------------------------


def state_holders(fn: Builtin) -> list[object]:
    """The Python objects whose contents a library function changes as it runs: its bound
    object (an io library), the mutable values its closure holds (gmatch's position, the random
    generator). Empty for most library functions."""
    f = fn.fn
    found: list[object] = []
    if isinstance(f, MethodType):
        if _is_data(f.__self__):
            found.append(f.__self__)
    else:
        for cell in getattr(f, "__closure__", None) or ():
            try:
                v = cell.cell_contents
            except ValueError:
                continue
            if _is_data(v):
                found.append(v)
    return found


def _is_data(v: object) -> bool:
    if isinstance(v, _ATOMIC) or isinstance(v, _LUA_OBJECTS) or callable(v):
        return False
    if isinstance(v, (type, type(io))):
        return False
    return True


def py_capture(o: object) -> object:
    """The contents of a library's Python object, one level deep (taken at every mark: the
    slot names of each class are found once)."""
    if isinstance(o, io.BytesIO):
        return o.tell()
    if isinstance(o, (list, dict, bytearray, set)):
        return _copy1(o)
    d = getattr(o, "__dict__", None)
    fields: dict[str, object] = {} if d is None else dict(d)
    for name in _slot_names(type(o)):
        if name not in fields:
            v = getattr(o, name, _UNSET)
            if v is not _UNSET:
                fields[name] = v
    for k, v in fields.items():
        cls = v.__class__
        if cls is list or cls is dict or cls is set or cls is bytearray:
            fields[k] = cls(v)  # type: ignore[call-arg]
    return fields


_SLOTS: dict[type, tuple[str, ...]] = {}
_UNSET = object()


def _slot_names(cls: type) -> tuple[str, ...]:
    names = _SLOTS.get(cls)
    if names is None:
        found: list[str] = []
        for c in cls.__mro__:
            slots = getattr(c, "__slots__", ())
            found.extend((slots,) if isinstance(slots, str) else slots)
        names = _SLOTS[cls] = tuple(found)
    return names


def py_restore(o: object, saved: object) -> None:
    if isinstance(o, io.BytesIO):
        o.seek(saved)  # type: ignore[arg-type]
    elif isinstance(o, list):
        o[:] = saved  # type: ignore[index]
    elif isinstance(o, bytearray):
        o[:] = saved  # type: ignore[index]
    elif isinstance(o, (dict, set)):
        o.clear()
        o.update(saved)  # type: ignore[arg-type]
    else:
        for k, v in saved.items():  # type: ignore[union-attr]
            setattr(o, k, _copy1(v))


def _copy1(v: object) -> object:
    cls = v.__class__
    if cls is list or cls is dict or cls is set:
        return cls(v)  # type: ignore[call-arg]
    if cls is bytearray:
        return bytearray(v)  # type: ignore[arg-type]
    return v
