"""The frozen picture the panels show: built from the debugger after each stop (in the
worker thread that ran the command), and for one frame again when the user selects it.
Widgets receive these views; nothing in the UI holds the debugger's state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from ferrous_repl.debugger.breakpoints import output_with_log
from ferrous_repl.debugger.names import DebugNames, scope_names
from ferrous_repl.debugger.values import value_line
from vm.debugger import Debugger, FunctionView, Stop
from vm.inspect import FrameView
from vm.values_view import entries, kind

OUTPUT_LINES = 500  # the program output panel keeps the last lines only
GLOBAL_ROWS = 300


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a table-like panel."""

    label: str  # R0, U1, K3, ...1, or a global's name
    name: str  # the local or upvalue name ("" when none)
    value: Content
    note: str = ""  # upvalues: open (the register and frame holding it) or closed
    changed: bool = False
    extra: str = ""  # upvalues: the other closures sharing the cell


@dataclass(frozen=True, slots=True)
class StackRow:
    """A frame of the call stack, or (depth -1) a separator naming the coroutine whose
    frames end there and the thread that resumed it."""

    depth: int
    text: str
    is_lua: bool


@dataclass(frozen=True, slots=True)
class FramePanels:
    """Everything that follows the selected frame."""

    depth: int
    title: str  # "#1 local 'make_counter'  counter.lua:10  (defined at line 1)"
    source: bytes | None  # chunk name of the function (None: a library function)
    line: int
    pc: int
    function: FunctionView | None
    explanation: str  # the instruction about to run, in words
    result: str  # what the last step did in this frame ("" when it did not run here)
    registers: tuple[Row, ...]
    upvalues: tuple[Row, ...]
    varargs: tuple[Row, ...]
    constants: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    stop: Stop
    position: int
    done: bool
    failed: bool
    stack: tuple[StackRow, ...]
    coroutines: tuple[str, ...]
    frame: FramePanels
    globals: tuple[Row, ...]
    output: str
    breakpoints: frozenset[tuple[bytes | None, int]]
    output_log: Content | None = None  # the output with the logpoints' lines, when there are some
    exit_status: int | None = None  # the status os.exit ended the program with, if it did

    @property
    def status(self) -> str:
        s = self.stop
        if self.done:  # as lua5.1 would end: its exit status
            if self.failed:
                return f"finished with an error (status 1): {s.message}  ·  step {self.position}"
            if s.message.startswith("empty session"):
                return s.message
            if self.exit_status is not None:
                return f"finished by os.exit (status {self.exit_status})  ·  step {self.position}"
            return f"finished (status 0)  ·  step {self.position}"
        where = f"{self.frame.title}" if self.stack else ""
        what = {"start": "at the start", "step": "stepped", "line": "new line", "return": "returned",
                "breakpoint": "breakpoint", "error": "error", "done": "finished",
                "paused": "paused", "history": "at the start", "limit": "limit",
                "call": "back at the call"}.get(s.reason, s.reason)
        msg = f": {s.message}" if s.message and s.reason != "history" else ""
        selected = "" if self.frame.depth == 0 else "selected "
        return f"{what}{msg}  ·  step {self.position}" + (f"  ·  {selected}{where}" if where else "")


def frame_title(f: FrameView, names: DebugNames | None = None) -> str:
    """``#1 local 'make_counter'  counter.lua:14  (defined at line 1)``: 5.1's name for the
    function (how its caller named it; else the name the program has for it, as for a
    coroutine's body), where the frame is, and where the function is defined."""
    if f.what == "main":
        name = "main chunk"
    elif f.name:
        name = f.name.decode("utf-8", "replace")
    else:
        known = names.known_name(f.function) if names is not None and f.function is not None else None
        name = f"function {known}" if known else "library function" if f.what == "C" else "function"
    where = f.source.decode("utf-8", "replace") + (f":{f.line}" if f.line >= 0 else "")
    defined = f"  (defined at line {f.linedefined})" if f.what == "Lua" and f.linedefined > 0 else ""
    return f"#{f.depth} {name}  {where}{defined}"


def stack_rows(frames: tuple[FrameView, ...], names: DebugNames) -> tuple[StackRow, ...]:
    """The call stack: each thread's frames, and between two threads a separator naming the
    coroutine above it and who resumed it."""
    rows: list[StackRow] = []
    for i, f in enumerate(frames):
        if i and f.thread is not frames[i - 1].thread:
            above = frames[i - 1].thread
            co = f"coroutine {names.named(above)}" if above is not None else "the main thread"
            by = f"coroutine {names.named(f.thread)}" if f.thread is not None else "the main thread"
            rows.append(StackRow(-1, f"── {co}, resumed by {by} ──", False))
        rows.append(StackRow(f.depth, frame_title(f, names), f.what != "C"))
    return tuple(rows)


def debug_names(d: Debugger, names: DebugNames | None = None,
                frames: tuple[FrameView, ...] = ()) -> DebugNames:
    """The debugger's names for this stop (the library's kept from ``names``)."""
    fresh = DebugNames(d, names.library if names is not None else None)
    fresh.know(scope_names(d, frames))
    return fresh


def build(d: Debugger, stop: Stop, depth: int = 0, names: DebugNames | None = None) -> Snapshot:
    """The picture after a stop, with the frame at ``depth`` selected (clamped)."""
    frames = d.frames(threads=True)
    view = debug_names(d, names, frames)
    depth = min(depth, len(frames) - 1) if frames else 0
    coroutines = tuple(f"{view.named(c.thread)} {c.status}" for c in d.coroutines())
    text = d.output_text().decode("utf-8", "replace")
    lines = text.split("\n")
    if len(lines) > OUTPUT_LINES:
        text = "\n".join(lines[-OUTPUT_LINES:])
    bps = frozenset((bp.source, bp.line) for bp in d.breakpoints if bp.line is not None)
    log = tuple(d.log_lines())
    rendered = output_with_log(d.output_text(), log, OUTPUT_LINES) if log else None
    return Snapshot(stop, d.position, d.done, d.failure is not None, stack_rows(frames, view), coroutines,
                    frame_panels(d, view, frames, depth), global_rows(d, view), text, bps, rendered,
                    d.exit_status)


def frame_panels(d: Debugger, view: DebugNames, frames: tuple[FrameView, ...], depth: int) -> FramePanels:
    """The panels of the frame at ``depth``; changes are marked on the innermost frame only.
    The registers holding active locals come first, then the temporaries that hold a value,
    then (as one row) those that hold nil."""
    if not frames:
        return FramePanels(0, "", None, -1, -1, None, "", "", (), (), (), ())
    f = frames[depth]
    changes = d.changes if depth == 0 else None
    fn = d.function_view(depth) if f.what != "C" else None
    regs = register_rows(f, view, changes.registers if changes is not None else frozenset())
    shared = d.sharing_closures(depth) if f.upvalues else ()
    ups = []
    for u in f.upvalues:
        if u.is_open:
            note = f"open: R{u.register} of #{u.owner}"
        else:
            note = "closed"
        extra = ""
        if u.index < len(shared) and shared[u.index]:
            sharing = shared[u.index]
            extra = "shared with " + ", ".join(view.named(c) for c in sharing[:4])
            if len(sharing) > 4:
                extra += f" +{len(sharing) - 4}"
        ups.append(Row(f"U{u.index}", u.name.decode("utf-8", "replace"), value_line(u.value, view), note,
                       changed=changes is not None and u.index in changes.upvalues, extra=extra))
    varargs = tuple(Row(f"...{i + 1}", "", value_line(v, view)) for i, v in enumerate(f.varargs))
    consts = tuple(Row(f"K{i}", "", value_line(k, view)) for i, k in enumerate(fn.constants)) if fn else ()
    explanation = d.explanation(depth, view.show) if fn is not None else ""
    result = d.step_result(depth, view.show) if fn is not None else ""
    return FramePanels(depth, frame_title(f, view), fn.source if fn else None, f.line, f.pc, fn, explanation,
                       result, regs, tuple(ups), varargs, consts)


def register_rows(f: FrameView, view: DebugNames, changed: frozenset[int]) -> tuple[Row, ...]:
    """Active locals first (in register order), then temporaries holding a value; the nil
    temporaries folded into one row (``R5..R9 nil``) unless the last step changed one."""
    named, busy, idle = [], [], []
    for r in f.registers:
        name = r.name.decode("utf-8", "replace") if r.name else ""
        row = Row(f"R{r.index}", name, value_line(r.value, view), changed=r.index in changed)
        if r.name:
            named.append(row)
        elif r.value is not None or row.changed:
            busy.append(row)
        else:
            idle.append(r.index)
    rows = named + busy
    if idle:
        if len(idle) == 1:
            label = f"R{idle[0]}"
        elif idle[-1] - idle[0] + 1 == len(idle):
            label = f"R{idle[0]}..R{idle[-1]}"
        else:
            label = f"{len(idle)} others"
        rows.append(Row(label, "", Content.styled("nil", "$lua-nil")))
    return tuple(rows)


def global_rows(d: Debugger, view: DebugNames) -> tuple[Row, ...]:
    """The globals by name, the program's first (then those the libraries define), names
    before other keys, changed ones marked."""
    changed = d.changes.globals
    pairs = entries(d.globals_table())
    named = [kv for kv in pairs if kv[0].__class__ is bytes]

    def library(kv: tuple) -> bool:
        v = kv[1]
        return kind(v) in ("table", "function", "userdata", "thread") and view.is_library(v)

    named.sort(key=lambda kv: (library(kv), kv[0]))  # type: ignore[arg-type,return-value]
    rows = []
    for k, v in named[:GLOBAL_ROWS]:
        rows.append(Row(k.decode("utf-8", "replace"), "", value_line(v, view), changed=k in changed))  # type: ignore[union-attr]
    if len(pairs) > len(rows):
        rows.append(Row("...", "", Content(f"{len(pairs) - len(rows)} more")))
    return tuple(rows)
