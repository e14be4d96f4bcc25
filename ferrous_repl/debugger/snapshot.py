"""The frozen picture the panels show: built from the debugger after each stop (in the
worker thread that ran the command), and for one frame again when the user selects it.
Widgets receive these views; nothing in the UI holds the debugger's state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from ferrous_repl.debugger.breakpoints import output_with_log
from ferrous_repl.debugger.values import value_line
from vm.debugger import Debugger, FunctionView, Stop
from vm.inspect import FrameView
from vm.values_view import ValuesView, entries

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
    depth: int
    text: str
    is_lua: bool


@dataclass(frozen=True, slots=True)
class FramePanels:
    """Everything that follows the selected frame."""

    depth: int
    title: str  # "#1 local 'make_counter'  counter.lua:10"
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

    @property
    def status(self) -> str:
        s = self.stop
        where = f"{self.frame.title}" if self.stack else ""
        what = {"start": "at the start", "step": "stepped", "line": "new line", "return": "returned",
                "breakpoint": "breakpoint", "error": "error", "done": "finished",
                "paused": "paused", "history": "at the start", "limit": "limit"}.get(s.reason, s.reason)
        msg = f": {s.message}" if s.message and s.reason != "history" else ""
        return f"{what}{msg}  ·  step {self.position}" + (f"  ·  {where}" if where else "")


def frame_title(f: FrameView) -> str:
    name = f.name.decode("utf-8", "replace") if f.name else f.what
    if f.what == "main":
        name = "main chunk"
    where = f.source.decode("utf-8", "replace") + (f":{f.line}" if f.line >= 0 else "")
    return f"#{f.depth} {name}  {where}"


def build(d: Debugger, stop: Stop, depth: int = 0) -> Snapshot:
    """The picture after a stop, with the frame at ``depth`` selected (clamped)."""
    view = ValuesView(d.session)
    frames = d.frames()
    depth = min(depth, len(frames) - 1) if frames else 0
    stack = tuple(StackRow(f.depth, frame_title(f), f.what != "C") for f in frames)
    coroutines = tuple(f"{c.label} {c.status}" for c in d.coroutines())
    text = d.output_text().decode("utf-8", "replace")
    lines = text.split("\n")
    if len(lines) > OUTPUT_LINES:
        text = "\n".join(lines[-OUTPUT_LINES:])
    bps = frozenset((bp.source, bp.line) for bp in d.breakpoints if bp.line is not None)
    log = tuple(d.log_lines())
    rendered = output_with_log(d.output_text(), log, OUTPUT_LINES) if log else None
    return Snapshot(stop, d.position, d.done, d.failure is not None, stack, coroutines,
                    frame_panels(d, view, frames, depth), global_rows(d, view), text, bps, rendered)


def frame_panels(d: Debugger, view: ValuesView, frames: tuple[FrameView, ...], depth: int) -> FramePanels:
    """The panels of the frame at ``depth``; changes are marked on the innermost frame only."""
    if not frames:
        return FramePanels(0, "", None, -1, -1, None, "", "", (), (), (), ())
    f = frames[depth]
    changes = d.changes if depth == 0 else None
    fn = d.function_view(depth) if f.what != "C" else None
    regs = tuple(
        Row(f"R{r.index}", r.name.decode("utf-8", "replace") if r.name else "", value_line(r.value, view),
            changed=changes is not None and r.index in changes.registers)
        for r in f.registers)
    shared = d.shared_cells(depth) if f.upvalues else ()
    ups = []
    for u in f.upvalues:
        if u.is_open:
            note = f"open: R{u.register} of #{u.owner}"
        else:
            note = "closed"
        extra = ""
        if u.index < len(shared) and shared[u.index]:
            extra = "shared: " + ", ".join(shared[u.index][:4])
            if len(shared[u.index]) > 4:
                extra += f" +{len(shared[u.index]) - 4}"
        ups.append(Row(f"U{u.index}", u.name.decode("utf-8", "replace"), value_line(u.value, view), note,
                       changed=changes is not None and u.index in changes.upvalues, extra=extra))
    varargs = tuple(Row(f"...{i + 1}", "", value_line(v, view)) for i, v in enumerate(f.varargs))
    consts = tuple(Row(f"K{i}", "", value_line(k, view)) for i, k in enumerate(fn.constants)) if fn else ()
    explanation = d.explanation(depth) if fn is not None else ""
    result = d.step_result(depth) if fn is not None else ""
    return FramePanels(depth, frame_title(f), fn.source if fn else None, f.line, f.pc, fn, explanation,
                       result, regs, tuple(ups), varargs, consts)


def global_rows(d: Debugger, view: ValuesView) -> tuple[Row, ...]:
    """The globals by name (names first, other keys after), changed ones marked."""
    changed = d.changes.globals
    pairs = entries(d.globals_table())
    named = sorted((kv for kv in pairs if kv[0].__class__ is bytes), key=lambda kv: kv[0])  # type: ignore[arg-type,return-value]
    rows = []
    for k, v in named[:GLOBAL_ROWS]:
        rows.append(Row(k.decode("utf-8", "replace"), "", value_line(v, view), changed=k in changed))  # type: ignore[union-attr]
    if len(pairs) > len(rows):
        rows.append(Row("...", "", Content(f"{len(pairs) - len(rows)} more")))
    return tuple(rows)
