"""Marks: the points of a debugged run that going back returns to, in place.

A mark captures whole only what is small and changes at nearly every instruction: the frames of
the live threads (registers, pc, open upvalues), the coroutines' status, the state's and the
heap's own fields, the output's length, the Python state of library functions (gmatch's
position, the random generator, io buffers) and the embedding's external state. Everything in
the heap is journaled instead (vm/runtime/journal.py): the journal records, for the epoch that
follows a mark, the before-image of each object at its first change. ``rewind`` undoes the
epochs after a mark, newest first, then puts the mark's captured state back: the objects of the
state keep their identity, and the cost is what changed since the mark, not the heap.

A library function suspended half-way (a generator frame: pcall, table.sort with a comparator, a
coroutine waiting in yield or resume) cannot be taken back, since it is a Python generator: a
mark that holds one is good only while none of its generators has moved on since (the journal
notes each generator frame as it resumes), and going back past such a move uses an earlier
mark (``usable``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vm.runtime import journal
from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin
from vm.runtime.values import Userdata

_UNSET = object()


@dataclass(slots=True)
class Mark:
    """A point of the run (``position``) as it can be returned to; ``saved``/``heap_image``
    are filled by the journal while the run goes on from here (see journal.Journal), and
    ``allocations`` counts the objects created since (for "where was this created")."""

    position: int
    world: tuple
    state: tuple
    threads: list
    heap: tuple
    output: int
    library: list
    live: tuple  # (coroutines, library functions, userdata) alive at the mark
    generators: list  # the generator frames on the stacks at the mark
    external: object = None
    saved: dict = field(default_factory=dict)
    heap_image: tuple | None = None
    allocations: int = 0


class Registry:
    """The objects a mark captures beyond the stack: coroutines, library functions that keep
    state in Python, userdata (their value is a library's Python object: a file)."""

    __slots__ = ("coroutines", "builtins", "userdata")

    def __init__(self) -> None:
        self.coroutines: list[Coroutine] = []
        self.builtins: list[tuple[Builtin, list[object]]] = []
        self.userdata: list[Userdata] = []

    def add(self, obj: object) -> None:
        cls = obj.__class__
        if cls is Coroutine:
            self.coroutines.append(obj)  # type: ignore[arg-type]
        elif cls is Builtin:
            holders = journal.state_holders(obj)  # type: ignore[arg-type]
            if holders:
                self.builtins.append((obj, holders))  # type: ignore[arg-type]
        elif cls is Userdata:
            self.userdata.append(obj)  # type: ignore[arg-type]


def markable(L, registry: Registry) -> bool:
    """True when a mark can be taken now (not with an error pending)."""
    return L.pending_error is None


def usable(marks: list[Mark], k: int, current: dict) -> bool:
    """Whether marks[k] can still be returned to: none of its generator frames has moved on
    since (``current``: the journal's epoch being recorded)."""
    gens = marks[k].generators
    if not gens:
        return True
    epochs = [m.saved for m in marks[k + 1:]] + [marks[k].saved, current]
    return not any(id(f) in saved for saved in epochs for f in gens)


def take(d, position: int) -> Mark:
    """Capture a mark of the debugger's world now."""
    w = d.w
    L = w.L
    registry: Registry = d._registry
    coroutines = [co for co in registry.coroutines if co.handle is not None and co.status != b"dead"]
    builtins = [(b, h) for b, h in registry.builtins if b.handle is not None]
    userdata = [u for u in registry.userdata if u.handle is not None]
    registry.coroutines[:] = coroutines
    registry.builtins[:] = builtins
    registry.userdata[:] = userdata
    coroutines = [co for co in coroutines if co is not L.main]
    threads = [_thread(L.main)] + [_thread(co) for co in coroutines]
    seen: set[int] = set()
    library: list[tuple[object, object]] = []
    for _, holders in builtins:
        for o in holders:
            if id(o) not in seen:
                seen.add(id(o))
                library.append((o, journal.py_capture(o)))
    for u in userdata:
        v = u.value
        if v is not None and journal._is_data(v) and id(v) not in seen:
            seen.add(id(v))
            library.append((v, journal.py_capture(v)))
    stdin = getattr(L, "stdin", None)
    if stdin is not None and id(stdin) not in seen and journal._is_data(stdin):
        library.append((stdin, journal.py_capture(stdin)))
    for co in (L.main, *coroutines):
        if co.hook is not None:
            library.append((co.hook, journal.py_capture(co.hook)))
    out = L.out
    return Mark(
        position=position,
        world=(w.done, list(w.results), w.failure, w.exit_status),
        state=(L.current, L.frames, L.ccalls, L.string_meta, list(L.pending_gc),
               list(L.proxy_metatables), dict(L.type_meta), L.handler_c_top, L.tape_pos,
               L.allowhook, L.reenter),
        threads=threads,
        heap=journal.heap_capture(L.heap),
        output=len(out.chunks) if hasattr(out, "chunks") else 0,
        library=library,
        live=(list(coroutines), list(builtins), list(userdata)),
        generators=[c[0] for t in threads for c in t[3] if c[0].gen is not None],
        external=d.external.snapshot() if d.external is not None else None,
    )


def size(m: Mark) -> int:
    """How many values the mark captured (frames, registers, varargs, open upvalues, library
    fields, live objects listed): what taking it cost, roughly in proportion."""
    n = len(m.library) + sum(len(x) for x in m.live)
    for t in m.threads:
        for c in t[3]:
            n += 1 + len(c[3] or ()) + len(c[5] or ()) + len(c[13] or ())
    for _, state in m.library:
        if state.__class__ in (list, dict, set, bytearray):
            n += len(state)  # type: ignore[arg-type]
    return n


def rewind(d, marks: list[Mark], k: int) -> None:
    """Return the world to marks[k]: undo the epochs of the marks after it and its own, newest
    first, then put its captured state back. The marks after k are dropped."""
    w = d.w
    L = w.L
    j: journal.Journal = d._journal
    saved, image = j.new_epoch()  # what the epoch running now has changed
    marks[-1].saved, marks[-1].heap_image = saved, image
    for m in reversed(marks[k:]):
        journal.undo(m.saved)
    heap_image = next((m.heap_image for m in marks[k:] if m.heap_image is not None), None)
    mark = marks[k]
    journal.heap_restore(L.heap, mark.heap, heap_image)
    w.done, results, w.failure, w.exit_status = mark.world
    w.results = list(results)
    (L.current, L.frames, L.ccalls, L.string_meta, pending_gc, proxy, type_meta,
     L.handler_c_top, L.tape_pos, L.allowhook, L.reenter) = mark.state
    L.pending_gc = list(pending_gc)
    L.proxy_metatables[:] = proxy
    L.type_meta = dict(type_meta)
    L.pending_error = None
    for t in mark.threads:
        _put_thread(t)
    for o, state in mark.library:
        journal.py_restore(o, state)
    out = L.out
    if hasattr(out, "chunks"):
        del out.chunks[mark.output:]
    registry: Registry = d._registry
    coroutines, builtins, userdata = mark.live
    registry.coroutines[:] = coroutines
    registry.builtins[:] = builtins
    registry.userdata[:] = userdata
    if d.external is not None:
        d.external.restore(mark.external)
    del marks[k + 1:]
    mark.saved = {}
    mark.heap_image = None
    mark.allocations = 0
    w.position = mark.position


def _thread(co: Coroutine) -> tuple:
    return (co, co.status, list(co.frames), [_frame(f) for f in co.frames], co.resumer,
            co.resumer_frame, co.ccalls, co.globals, co.hook, co.hookfn, co.error_stack)


def _put_thread(t: tuple) -> None:
    (co, co.status, frames, captured, co.resumer, co.resumer_frame, co.ccalls, co.globals,
     co.hook, co.hookfn, co.error_stack) = t
    co.frames[:] = frames
    co.body = None  # a body suspended as a generator has moved on (vm/runtime/compiled/cobody.py)
    for c in captured:
        _put_frame(c)


def _frame(f) -> tuple:
    return (f, f.gen, f.cl, None if f.R is None else list(f.R), f.pc,
            None if f.varargs is None else list(f.varargs), f.top, f.ret_a, f.nresults, f.cont,
            f.builtin, f.tailcalls, f.boundary,
            None if f.open_upvals is None else dict(f.open_upvals),
            getattr(f, "hookpc", _UNSET), getattr(f, "hookmark", _UNSET))


def _put_frame(c: tuple) -> None:
    (f, f.gen, f.cl, R, f.pc, varargs, f.top, f.ret_a, f.nresults, f.cont, f.builtin,
     f.tailcalls, f.boundary, open_upvals, hookpc, hookmark) = c
    if R is not None:
        f.R[:] = R
    if varargs is not None:
        f.varargs[:] = varargs
    f.open_upvals = None if open_upvals is None else dict(open_upvals)
    for slot, value in (("hookpc", hookpc), ("hookmark", hookmark)):
        if value is _UNSET:
            if hasattr(f, slot):
                delattr(f, slot)
        else:
            setattr(f, slot, value)
