"""The debugger: a call run under control, forwards and backwards.

Forwards, it runs the VM an instruction at a time (or in slices when nothing needs watching) and
stops where asked: after one instruction, at the next line (over calls or into them), when the
current function returns, at a breakpoint (line, instruction, function entry, with an optional
condition), on an error before the stack unwinds, at the end, or when paused from another thread.

Backwards, it replays. A run is a deterministic function of its start and of what came from
outside: values from outside the program are logged on the state's tape (``LuaState.outside``)
and what the user evaluated in the paused program is logged here with its position. Any earlier
position is reached by restoring the nearest checkpoint (a copy of the whole state, see
vm/runtime/snapshot.py) and running forward to it at full speed. While debugging, every object
gets its handle when it is created (vm/runtime/track.py), so a replay names objects as the
first run did, and tostring shows addresses made from handles.

A position counts the instructions run since the start. Stopped on an error, the position is
that of the failing instruction, with the error pending; carrying on unwinds first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from vm import inspect
from vm.chunkid import chunkid
from vm.errors import LimitError, LoadError, LuaError
from vm.loader import load_chunk
from vm.runtime import track
from vm.runtime.coroutine import Coroutine
from vm.runtime.frame import CONT_CALL, Frame
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.heap import StaleHandle
from vm.runtime.interp import run
from vm.runtime.snapshot import NotCopyable, copy_state
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata, plain_tostring, raw_equal, type_name

SLICE = 10_000  # instructions run between two looks at the pause flag when nothing is watched
EVAL_LIMIT = 5_000_000  # instructions an evaluation may run
CHECKPOINT_SHARE = 0.1  # at most this share of the running time goes into copying the state
MIN_INTERVAL = 500  # instructions between checkpoints at the least


class CapturedOutput:
    """The program's standard output and error while debugging. It is part of the state, so
    going back in time takes the output back too."""

    __slots__ = ("chunks",)

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)


@dataclass(frozen=True, slots=True)
class Breakpoint:
    """Where to stop. ``line`` (in ``source``, a chunk name, or any chunk when None), or
    ``pc`` in the function defined at ``linedefined`` of ``source``, or entry to a function
    called by ``function`` (the name 5.1 gives it: ``f``, ``obj.m``'s ``m``). ``condition``:
    a Lua expression evaluated in the stopped frame; the breakpoint holds when it is true."""

    line: int | None = None
    source: bytes | None = None
    pc: int | None = None
    linedefined: int | None = None
    function: bytes | None = None
    condition: bytes | None = None


@dataclass(frozen=True, slots=True)
class Stop:
    """Why the debugger stopped. reason: start, step, line, return, breakpoint, error, done,
    paused, history (going back reached the start) or limit."""

    reason: str
    position: int
    message: str = ""
    breakpoint: Breakpoint | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    """What the last step forward changed: registers and upvalues of the innermost frame (when
    it is the same frame as before), globals by name, and whether the stack changed shape."""

    registers: frozenset[int] = frozenset()
    upvalues: frozenset[int] = frozenset()
    globals: frozenset[object] = frozenset()
    frames: bool = False


@dataclass(frozen=True, slots=True)
class HeapObject:
    """One live object of the heap: its handle, kind, size (entries or upvalues)."""

    index: int
    generation: int
    kind: str
    size: int
    label: str


@dataclass(frozen=True, slots=True)
class FunctionView:
    """A Lua function as a front end lists it: where it comes from, its instructions in
    ``luac -l`` form (pc, line, text), and its constants. Never changes for one prototype."""

    source: bytes  # the chunk name as compiled (``@file``, ``=stdin``, or the text itself)
    linedefined: int
    lastlinedefined: int
    header: str  # ``function <p.lua:3,7> (12 instructions)`` / ``main <p.lua:0,0> ...``
    instructions: tuple[tuple[int, int, str], ...]
    constants: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class CoroutineView:
    """A coroutine of the heap: its label and status (suspended, running, normal, dead)."""

    label: str
    status: str


@dataclass(slots=True)
class _World:
    """Everything a checkpoint copies: the state and where the debugged call stands."""

    L: LuaState
    holder: Frame
    base: int
    home: list
    position: int = 0
    done: bool = False
    results: list = field(default_factory=list)
    failure: LuaError | None = None  # the error that ended the call, if one did


@dataclass(slots=True)
class _Fingerprint:
    """What a step is compared against to find what it changed."""

    frame: Frame | None
    registers: list
    upvalues: list
    globals: dict
    depth: int


class ExternalState(Protocol):
    """State outside the Lua state that a run changes (a keyspace): a checkpoint takes a
    ``snapshot()`` of it, and going back to that checkpoint calls ``restore(token)``."""

    def snapshot(self) -> object: ...

    def restore(self, token: object) -> None: ...


class Debugger:
    """Debug the call ``fn(*args)`` of a session's state. The session's state is replaced by
    copies as the debugger travels in time: always read it through ``debugger.state``.

    For an embedding (Redis scripts): ``external`` is state outside the Lua state that goes
    back in time with it; ``shared`` lists Python objects the state reaches (an engine holding
    sockets and locks) that checkpoints share rather than copy; ``on_uncaught(L, err)`` is
    called at the error point, the stack whole, when an error is about to end the call (what
    xpcall's message handler would see); ``fine_stepping`` runs one instruction at a time even
    when nothing is watched, so that ``request_stop`` from a library function stops right
    after it."""

    def __init__(self, session, fn: object, args: list | None = None, *,
                 external: ExternalState | None = None, shared: Sequence[object] = (),
                 on_uncaught: Callable[[LuaState, LuaError], None] | None = None) -> None:
        self.external = external
        self.extra_shared = list(shared)
        self.on_uncaught = on_uncaught
        self.fine_stepping = False
        self._stop_request: str | None = None
        self._external_tokens: dict[int, object] = {}
        self.session = session
        L = session.state
        self._streams = (L.out, getattr(L, "err", None), getattr(L, "stdin", None))  # for close()
        self.output = CapturedOutput()
        L.out = self.output
        L.err = self.output
        if getattr(L, "stdin", None) is None:
            import io

            L.stdin = io.BytesIO()
        L.tape = []
        L.tape_pos = 0
        L.error_stop = True
        L.heap.tracking = True
        self._register_existing(L)
        holder = Frame(None, [None], None, 0, -1, CONT_CALL)
        base = len(L.frames)
        L.frames.append(holder)
        self.w = _World(L, holder, base, L.frames)
        self.breakpoints: list[Breakpoint] = []
        self.break_on_caught_errors = False
        self.changes = Changes()
        self._pause = threading.Event()
        self._evals: dict[int, list[tuple[bytes, int]]] = {}
        self._error_stops: set[int] = set()
        self._checkpoints: dict[int, _World] = {}
        self._interval = MIN_INTERVAL
        self._last_checkpoint = 0
        self._listings: dict[int, tuple[object, FunctionView]] = {}
        with self._active():
            try:
                if not L.call_with(holder, fn, list(args or []), 0, -1, CONT_CALL):
                    self._finish()
            except LuaError as err:  # a library function called directly failed at once
                self._fail(err)
        self._checkpoint(force=True)

    # --- reading the state ------------------------------------------------------------------

    @property
    def state(self) -> LuaState:
        return self.w.L

    @property
    def position(self) -> int:
        return self.w.position

    @property
    def done(self) -> bool:
        return self.w.done

    @property
    def results(self) -> list:
        return self.w.results

    @property
    def failure(self) -> LuaError | None:
        return self.w.failure

    @property
    def pending_error(self) -> LuaError | None:
        return self.w.L.pending_error

    def output_text(self) -> bytes:
        return self.w.L.out.getvalue()  # type: ignore[union-attr]

    def frames(self) -> tuple[inspect.FrameView, ...]:
        """The program's frames, innermost first (none once the call is over)."""
        if self.w.done:
            return ()
        L = self.w.L
        return inspect.frames(L, failing=L.pending_error is not None and L.frames[-1].cl is not None)

    def heap_objects(self) -> list[HeapObject]:
        """Every object in the heap arena, by handle."""
        heap = self.w.L.heap
        out = []
        for i, obj in enumerate(heap.objects):
            if obj is None:
                continue
            out.append(HeapObject(i, heap.generations[i], type_name(obj).decode(), _size(obj),
                                  heap.label(obj)))
        return out

    def resolve(self, index: int, generation: int | None = None) -> object:
        """The object a handle names; StaleHandle (naming both generations) when it is gone."""
        return self.w.L.heap.resolve(index, generation)

    # --- read-only views for front ends ----------------------------------------------------

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
        rows = tuple((pc, lines[pc] if pc < len(lines) else 0, _listed(proto, pc, name, format_instruction))
                     for pc in range(n))
        view = FunctionView(proto.source if proto.source is not None else b"=?", proto.linedefined,
                            proto.lastlinedefined, header, rows, tuple(proto.constants))
        self._listings[id(proto)] = (proto, view)
        return view

    def explanation(self, depth: int = 0) -> str:
        """The instruction the frame at ``depth`` is at (about to run, or in a call), in plain
        words with live values; "" for a library function's frame."""
        f = self._frame_at(depth)
        if f is None or not f.cl.p.proto.code:
            return ""
        pc = f.pc if depth == 0 and self.w.L.pending_error is None else f.pc - 1
        pc = min(max(pc, 0), len(f.cl.p.proto.code) - 1)
        try:
            text = inspect.explain(f.cl, pc, f.R)
            if text == _rule(f.cl, pc):
                return _filled_rule(f.cl, pc, f.R, self.w.L.heap.label)
            if ": 0x" in text:  # objects named by their handles, as everywhere in the debugger
                heap = self.w.L.heap
                for v in f.R:
                    if v.__class__ in _HANDLED:
                        text = text.replace(plain_tostring(v).decode(), heap.label(v))
            return text
        except Exception:  # noqa: BLE001 - an explanation must never break the view
            return inspect.instruction(f.cl, pc)

    def shared_cells(self, depth: int = 0) -> tuple[tuple[str, ...], ...]:
        """For each upvalue of the closure at ``depth``: the labels of the other live closures
        that hold the same cell (an empty tuple each for a library function's frame)."""
        f = self._frame_at(depth)
        if f is None:
            return ()
        cl = f.cl
        cells = {id(c): i for i, c in enumerate(cl.upvals)}
        found: list[list[str]] = [[] for _ in cl.upvals]
        heap = self.w.L.heap
        for obj in heap.objects:
            if obj is None or obj is cl or obj.__class__ is not LuaFunction:
                continue
            for c in obj.upvals:  # type: ignore[attr-defined]
                i = cells.get(id(c))
                if i is not None:
                    found[i].append(heap.label(obj))
        return tuple(tuple(x) for x in found)

    def coroutines(self) -> tuple[CoroutineView, ...]:
        """The coroutines of the heap (not the main thread) with their status, by handle."""
        L = self.w.L
        heap = L.heap
        return tuple(CoroutineView(heap.label(o), o.status.decode())  # type: ignore[attr-defined]
                     for o in heap.objects if o.__class__ is Coroutine and o is not L.main)

    def globals_table(self) -> LuaTable:
        """The global table of the debugged state (as it is now)."""
        return self.w.L.globals

    def close(self) -> LuaState:
        """Stop debugging. The state as it is now goes back to ordinary running and stays the
        session's (the REPL's :debug keeps what the code did): the embedding's streams again, no
        tape, no error stops, handles on request. A call still running is abandoned."""
        w = self.w
        L = w.L
        L.out, L.err, L.stdin = self._streams
        L.tape = None
        L.tape_pos = 0
        L.error_stop = False
        L.pending_error = None
        L.heap.tracking = False
        if not w.done:
            del w.home[w.base:]
            L.frames = L.main.frames
            L.current = L.main
            L.main.status = b"running"
            L.ccalls = 0
            w.done = True
        self._checkpoints.clear()
        self.session.state = L
        return L

    # --- going forwards ---------------------------------------------------------------------

    def pause(self) -> None:
        """Stop a running continue() at the next instruction; safe from another thread."""
        self._pause.set()

    def request_stop(self, message: str) -> None:
        """Called by a library function while the program runs (redis.breakpoint): the command
        going on stops after this instruction, as at a breakpoint (exactly there when
        ``fine_stepping`` is on, else at the end of the running slice)."""
        self._stop_request = message

    def step_instruction(self) -> Stop:
        """Run one instruction."""
        return self._go(lambda before, now: "step")  # stops after the first instruction

    def step_line(self) -> Stop:
        """Run to the next line of this function (over calls), or until it returns."""
        start = self._where()

        def stop(before, now):
            if now is None or start is None:
                return "return"
            if now[0] is start[0] and now[1] < start[1]:
                return "return"  # the function returned: stop in its caller
            if now[2] is start[2] and _line_event(before, now):
                return "line"
            return None  # deeper (a call, a coroutine): step over it

        return self._go(stop)

    def step_into(self) -> Stop:
        """Run to the next line in any function: into calls, out on returns."""

        def stop(before, now):
            if now is None:
                return "return"
            return "line" if _line_event(before, now) else None

        return self._go(stop)

    def step_out(self) -> Stop:
        """Run until the current function returns to its caller."""
        start = self._where()

        def stop(before, now):
            if now is None or start is None:
                return "return"
            if now[0] is start[0] and now[1] < start[1]:
                return "return"
            return None

        return self._go(stop)

    def continue_(self) -> Stop:
        """Run until a breakpoint, an error, the end, or pause()."""
        return self._go(None)

    def run_to_line(self, line: int, source: bytes | None = None) -> Stop:
        """Run until an instruction of ``line`` is about to run."""
        target = Breakpoint(line=line, source=source)
        self.breakpoints.append(target)
        try:
            return self._go(None)
        finally:
            self.breakpoints.remove(target)

    # --- going backwards --------------------------------------------------------------------

    def step_back(self) -> Stop:
        """Back one instruction."""
        if self.w.position == 0:
            return Stop("history", 0, "at the start")
        return self.goto(self.w.position - 1)

    def step_back_line(self) -> Stop:
        """Back to where the previous line (of any function) began."""
        here = self.w.position
        if here == 0:
            return Stop("history", 0, "at the start")
        lines = self._history(here)
        target = 0
        for pos in range(len(lines) - 1, 0, -1):
            if lines[pos] is not None and _line_event(lines[pos - 1], lines[pos]):
                if pos < here:
                    target = pos
                    break
        return self.goto(target, reason="line")

    def goto(self, target: int, reason: str = "step") -> Stop:
        """Travel to a position of this run's history (or run forward to it)."""
        target = max(0, target)
        if target > self.w.position:
            before = self._fingerprint()
            self._replay_to(target)
            self.changes = self._diff(before)
            return Stop(reason, self.w.position)
        self._restore(target - 1 if target > 0 else 0)
        if target > 0:
            before = self._fingerprint()
            self._replay_to(target)
            self.changes = self._diff(before)
        else:
            self.changes = Changes()
        return Stop(reason if target > 0 else "history", self.w.position,
                    "" if target > 0 else "at the start")

    def restart(self) -> Stop:
        """Back to the start, forgetting evaluations: a fresh run of the same program."""
        self._evals.clear()
        self._error_stops.clear()
        self._checkpoints = {0: self._checkpoints[0]}
        self._external_tokens = {p: t for p, t in self._external_tokens.items() if p == 0}
        self._restore(0)
        self.w.L.tape.clear()  # type: ignore[union-attr]
        self.changes = Changes()
        return Stop("start", 0)

    # --- evaluating in the paused program ---------------------------------------------------

    def eval(self, code: bytes, depth: int = 0) -> list:
        """Evaluate Lua code in the frame at ``depth`` (0: innermost) with its locals, upvalues
        and globals visible: an expression gives its values, a statement runs (assignments to
        locals and upvalues change them). Raises LoadError or LuaError; LimitError when it runs
        too long. The evaluation becomes part of this run's history: going back and forward
        again repeats it at the same position."""
        pos = self.w.position
        fn = self._compile(code)  # a syntax error changes nothing
        self._forget_after(pos)
        self._evals.setdefault(pos, []).append((code, depth))
        with self._active():
            return self._run_eval(fn, depth)

    def collect(self) -> list[str]:
        """Run a full collection now (as an evaluation of ``collectgarbage()``); returns the
        labels of the objects it freed."""
        heap = self.w.L.heap
        before = {i: heap.label(o) for i, o in enumerate(heap.objects) if o is not None}
        self.eval(b"collectgarbage()")
        return [label for i, label in before.items() if heap.objects[i] is None]

    # --- breakpoints ------------------------------------------------------------------------

    def toggle_line_breakpoint(self, line: int, source: bytes | None = None) -> bool:
        """Set or clear a breakpoint on a line; True when one is now set."""
        for bp in self.breakpoints:
            if bp.line == line and bp.source == source and bp.pc is None:
                self.breakpoints.remove(bp)
                return False
        self.breakpoints.append(Breakpoint(line=line, source=source))
        return True

    # --- the machinery ----------------------------------------------------------------------

    def _active(self):
        return _Tracking(self.w.L)

    def _go(self, stop_rule) -> Stop:
        """Step until stop_rule(before, now) names a reason (None: never), or a breakpoint, an
        error, the end or a pause stops it. Locations: see _where."""
        w = self.w
        if w.done:
            return Stop("done", w.position, self._end_message())
        self._pause.clear()
        self._stop_request = None
        before_fp = self._fingerprint()
        # with nothing to watch between instructions, run in slices at full speed
        stride = SLICE if stop_rule is None and not self.breakpoints and not self.fine_stepping else 1
        where = self._where()
        carry_on = w.L.pending_error is not None  # stopped on an error: first it unwinds
        while True:
            if self._pause.is_set():
                self._pause.clear()
                result = Stop("paused", w.position)
                break
            if carry_on:
                with self._active():
                    self._unwind()
                carry_on = False
            else:
                self._advance(stride)
            if w.done:
                result = Stop("done", w.position, self._end_message())
                break
            err = w.L.pending_error
            if err is not None:
                result = Stop("error", w.position, _message(err))
                break
            if self._stop_request is not None:
                result = Stop("breakpoint", w.position, self._stop_request)
                self._stop_request = None
                break
            now = self._where()
            reason = stop_rule(where, now) if stop_rule is not None else None
            if reason is not None:
                result = Stop(reason, w.position)
                break
            bp = self._breakpoint_at(where, now)
            if bp is not None:
                result = Stop("breakpoint", w.position, breakpoint=bp)
                break
            where = now
        self.changes = self._diff(before_fp)
        return result

    def _advance(self, n: int) -> None:
        """Run up to n instructions forward (replaying evaluations and taking checkpoints on
        the way); an error stays pending when it should stop the user, else it unwinds."""
        w = self.w
        L = w.L
        with self._active():
            if L.pending_error is not None:
                self._unwind()
                if w.done:
                    return
            n = self._until_eval(n)
            L.budget = n
            try:
                w.done = run(L, w.base + 1, w.home)
            except LuaError as err:  # pragma: no cover - error_stop keeps errors pending
                self._fail(err)
                return
            finally:
                ran = n - max(L.budget, 0)
                w.position += ran
            if w.done:
                self._finish()
                return
            self._checkpoint()  # before the evaluations logged at this position
            self._apply_evals()
            err = L.pending_error
            if err is not None:
                if self._uncaught() or self.break_on_caught_errors:
                    self._error_stops.add(w.position)
                else:
                    self._unwind()

    def _until_eval(self, n: int) -> int:
        """Shorten a run so that it stops at the next position with a logged evaluation."""
        pos = self.w.position
        later = [p for p in self._evals if pos < p <= pos + n]
        return min(later) - pos if later else n

    def _apply_evals(self) -> None:
        for code, depth in self._evals.get(self.w.position, ()):
            try:
                self._run_eval(self._compile(code), depth)
            except (LuaError, LoadError, LimitError):
                pass

    def _unwind(self) -> None:
        w = self.w
        L = w.L
        err = L.pending_error
        if self.on_uncaught is not None and err is not None and self._uncaught():
            self.on_uncaught(L, err)
        L.pending_error = None
        try:
            L.unwind(err, w.base + 1, w.home)  # type: ignore[arg-type]
        except LuaError as uncaught:
            self._fail(uncaught)
            return
        if len(w.home) <= w.base + 1 and L.frames is w.home:
            self._finish()

    def _uncaught(self) -> bool:
        """Would the pending error end the debugged call? (No pcall, xpcall or coroutine
        between the failing frame and the call.)"""
        w = self.w
        L = w.L
        if L.frames is not w.home:
            return False  # inside a coroutine: its resume returns the error
        for f in reversed(L.frames[w.base + 1:]):
            if f.builtin is not None and f.builtin.protects:
                return False
        return True

    def _finish(self) -> None:
        w = self.w
        w.done = True
        w.results = w.holder.R[0:w.holder.top]
        del w.home[w.base:]

    def _fail(self, err: LuaError) -> None:
        w = self.w
        w.done = True
        w.failure = err
        del w.home[w.base:]
        w.L.frames = w.L.main.frames
        w.L.current = w.L.main

    def _end_message(self) -> str:
        if self.w.failure is not None:
            return _message(self.w.failure)
        return "the program has finished"

    def _where(self) -> tuple | None:
        """Where the next instruction is: (frame list, depth, frame, pc, line)."""
        w = self.w
        if w.done:
            return None
        frames = w.L.frames
        f = frames[-1] if frames else None
        if f is None or f.cl is None:
            return (frames, len(frames), f, -1, -1)
        lineinfo = f.cl.p.proto.lineinfo
        pc = f.pc
        line = lineinfo[pc] if pc < len(lineinfo) else -1
        return (frames, len(frames), f, pc, line)

    def _breakpoint_at(self, before: tuple | None, now: tuple | None) -> Breakpoint | None:
        if not self.breakpoints or now is None or now[2] is None or now[2].cl is None:
            return None
        f = now[2]
        proto = f.cl.p.proto
        entering = now[3] == 0 and (before is None or before[2] is not f)
        new_line = _line_event(before, now)
        for bp in self.breakpoints:
            if bp.source is not None and bp.source != proto.source:
                continue
            hit = False
            if bp.pc is not None:
                hit = now[3] == bp.pc and (bp.linedefined is None or bp.linedefined == proto.linedefined)
            elif bp.line is not None:
                hit = new_line and now[4] == bp.line
            elif bp.function is not None:
                hit = now[3] == 0 and entering and self._called(f) == bp.function
            if hit and (bp.condition is None or self._condition(bp.condition)):
                return bp
        return None

    def _called(self, f: Frame) -> bytes | None:
        from vm.runtime.errors import function_name

        frames = self.w.L.frames
        named = function_name(frames, len(frames) - 1) if frames and frames[-1] is f else None
        return named[1] if named else None

    def _condition(self, expr: bytes) -> bool:
        """A breakpoint's condition, evaluated without becoming part of the history: no
        handles given, the collector's accounting and the tape put back afterwards."""
        L = self.w.L
        heap = L.heap
        saved = (heap.debt, L.tape_pos, track.hook)
        track.hook = None
        try:
            values = self._run_eval(self._compile(b"return " + expr), 0)
            return bool(values) and values[0] is not None and values[0] is not False
        except (LuaError, LoadError, LimitError):
            return False
        finally:
            heap.debt, L.tape_pos, track.hook = saved

    # --- evaluation -------------------------------------------------------------------------

    def _compile(self, code: bytes) -> LuaFunction:
        src = code[1:] if code.startswith(b"=") else code
        try:
            proto = load_chunk(b"return " + src, b"=(eval)")
        except LoadError:
            proto = load_chunk(src, b"=(eval)")
        return LuaFunction(_prototype(proto), [], None)

    def _run_eval(self, fn: LuaFunction, depth: int) -> list:
        L = self.w.L
        frame = self._frame_at(depth)
        fn.env = _scope(L, frame)
        saved_stop, L.error_stop = L.error_stop, False
        saved_budget = L.budget
        base = len(L.frames)
        holder = Frame(None, [None], None, 0, -1, CONT_CALL)
        holder.boundary = True  # a yield from the evaluation must not suspend the program
        L.frames.append(holder)
        L.ccalls += 1
        try:
            ran = 0
            if L.call_with(holder, fn, [], 0, -1, CONT_CALL):
                while True:
                    L.budget = SLICE
                    if run(L, base + 1):
                        break
                    ran += SLICE
                    if ran >= EVAL_LIMIT:
                        raise LimitError(f"evaluation stopped after {EVAL_LIMIT} instructions")
            return holder.R[0:holder.top]
        finally:
            del L.frames[base:]
            L.ccalls -= 1
            L.budget = saved_budget
            L.error_stop = saved_stop

    def _frame_at(self, depth: int) -> Frame | None:
        """The frame at depth as inspect.frames counts (0: innermost); None for a library
        function's frame or past the bottom."""
        live = [f for f in self.w.L.frames if f.cl is not None or f.gen is not None]
        i = len(live) - 1 - depth
        return live[i] if 0 <= i < len(live) and live[i].cl is not None else None

    # --- checkpoints and replay ---------------------------------------------------------------

    def _checkpoint(self, force: bool = False) -> None:
        w = self.w
        pos = w.position
        if pos in self._checkpoints:
            return
        if not force and pos - self._last_checkpoint < self._interval:
            return
        started = time.perf_counter()
        try:
            snap = copy_state(w, self._shared())
        except NotCopyable:
            if force and pos == 0:
                raise
            self._last_checkpoint = pos  # try again an interval later
            return
        spent = time.perf_counter() - started
        self._checkpoints[pos] = snap  # type: ignore[assignment]
        if self.external is not None:
            self._external_tokens[pos] = self.external.snapshot()
        self._last_checkpoint = pos
        # keep copying under CHECKPOINT_SHARE of the time: about 200k instructions a second
        self._interval = max(MIN_INTERVAL, int(spent / CHECKPOINT_SHARE * 200_000))

    def _shared(self) -> list[object]:
        L = self.w.L
        shared: list[object] = [L.tape, *self.extra_shared]
        for attr in ("stdin",):
            s = getattr(L, attr, None)
            if s is not None and not isinstance(s, CapturedOutput):
                import io

                if not isinstance(s, io.BytesIO):
                    shared.append(s)
        return shared

    def _restore(self, target: int) -> None:
        """Become the state at the latest checkpoint at or before target, then replay to it."""
        at = max(p for p in self._checkpoints if p <= target)
        w = copy_state(self._checkpoints[at], self._shared())
        self.w = w  # type: ignore[assignment]
        self.session.state = w.L  # type: ignore[attr-defined]
        if self.external is not None:
            self.external.restore(self._external_tokens[at])
        with self._active():
            self._apply_evals()
        self._replay_to(target)

    def _replay_to(self, target: int) -> None:
        w = self.w
        while w.position < target and not w.done:
            self._advance(target - w.position)
        if w.L.pending_error is not None and w.position not in self._error_stops:
            with self._active():
                self._unwind()

    def _history(self, upto: int) -> list[tuple | None]:
        """The location before each position from the start (or a checkpoint) up to here:
        found by replaying one instruction at a time from the checkpoint before, going further
        back while no line begins in the stretch."""
        here = self.w.position
        starts = sorted(p for p in self._checkpoints if p < upto)
        for start in reversed(starts):
            self._restore(start)
            locs: list[tuple | None] = [None] * start
            while self.w.position < upto and not self.w.done:
                locs.append(self._where())
                self._advance(1)
            locs.append(self._where())
            if any(locs[p] is not None and _line_event(locs[p - 1], locs[p])
                   for p in range(max(start, 1), upto)):
                return locs
        self._restore(here)
        return [None] * (upto + 1)

    def _forget_after(self, pos: int) -> None:
        """A new evaluation at pos changes the future: drop what was recorded after it."""
        for p in [p for p in self._checkpoints if p > pos]:
            del self._checkpoints[p]
            self._external_tokens.pop(p, None)
        for p in [p for p in self._evals if p > pos]:
            del self._evals[p]
        self._error_stops = {p for p in self._error_stops if p <= pos}
        L = self.w.L
        del L.tape[L.tape_pos:]  # type: ignore[index]
        self._last_checkpoint = min(self._last_checkpoint, pos)

    # --- changes ------------------------------------------------------------------------------

    def _fingerprint(self) -> _Fingerprint:
        L = self.w.L
        frames = L.frames
        f = frames[-1] if frames and not self.w.done else None
        regs = list(f.R) if f is not None and f.cl is not None else []
        ups = ([c.regs[c.idx] for c in f.cl.upvals] if f is not None and f.cl is not None else [])
        g = L.globals
        return _Fingerprint(f, regs, ups, dict(g.hash), len(frames))

    def _diff(self, before: _Fingerprint) -> Changes:
        after = self._fingerprint()
        same = after.frame is before.frame and after.frame is not None
        regs: set[int] = set()
        ups: set[int] = set()
        if same and after.frame.cl is not None:  # type: ignore[union-attr]
            nk = after.frame.cl.p.nk  # type: ignore[union-attr]
            for i in range(nk, min(len(before.registers), len(after.registers))):
                if not _same(before.registers[i], after.registers[i]):
                    regs.add(i - nk)
            for i, (a, b) in enumerate(zip(before.upvalues, after.upvalues, strict=False)):
                if not _same(a, b):
                    ups.add(i)
        old_globals, new_globals = before.globals, after.globals
        changed_globals = {k for k, v in new_globals.items()
                           if (old := old_globals.get(k)) is not v and not _same(old, v)}
        changed_globals.update(k for k in old_globals if k not in new_globals)
        return Changes(frozenset(regs), frozenset(ups), frozenset(changed_globals),
                       not same or after.depth != before.depth)

    def _register_existing(self, L: LuaState) -> None:
        """Give every object reachable now a handle, in a fixed order (the debugger may start
        on a state with a history, such as the REPL's)."""
        heap = L.heap
        seen: set[int] = set()
        stack: list[object] = [L.globals, L.registry, L.string_meta, L.main]
        while stack:
            o = stack.pop()
            if o is None or id(o) in seen:
                continue
            cls = o.__class__
            if cls not in _HANDLED:
                continue
            seen.add(id(o))
            heap.handle_of(o)
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


class _Tracking:
    """While the debugger runs code: handles at creation, in this state's heap."""

    __slots__ = ("L", "saved")

    def __init__(self, L: LuaState) -> None:
        self.L = L
        self.saved = None

    def __enter__(self) -> None:
        self.saved = track.hook
        track.hook = self.L.heap.handle_of

    def __exit__(self, *exc: object) -> None:
        track.hook = self.saved


_HANDLED = (LuaTable, LuaFunction, Builtin, Userdata, Coroutine)


def _prototype(proto):
    from vm.runtime.function import Prototype

    return Prototype(proto)


def _line_event(before: tuple | None, now: tuple | None) -> bool:
    """Lua 5.1's rule for a line event (ldebug.c traceexec) before the instruction at ``now``:
    entering a function, a different line than the frame's previous instruction, or a jump
    back. Back in a caller after a call returns, the previous instruction is the call."""
    if now is None:
        return False
    f = now[2]
    if f is None or f.cl is None:
        return False
    pc = now[3]
    if before is not None and before[2] is f:
        return now[4] != before[4] or pc <= before[3]
    if pc == 0:
        return True
    lineinfo = f.cl.p.proto.lineinfo
    return 0 < pc < len(lineinfo) and lineinfo[pc] != lineinfo[pc - 1]


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    if a.__class__ is float and b.__class__ is float:
        return a == b  # type: ignore[operator]
    return raw_equal(a, b)


def _message(err: LuaError) -> str:
    v = err.value
    if v.__class__ is bytes:
        return v.decode("utf-8", "backslashreplace")  # type: ignore[union-attr]
    if v.__class__ is float:
        from vm.runtime.numbers import number_to_bytes

        return number_to_bytes(v).decode()  # type: ignore[arg-type]
    return f"(error object is a {type_name(v).decode()} value)"


def _listed(proto, pc: int, name: str, format_instruction) -> str:
    """An instruction as luac lists it, a CLOSURE naming its function's line (not an address,
    which would differ between runs and between copies of the state)."""
    text = format_instruction(proto, pc, lambda child: 0)
    if text.startswith("CLOSURE"):
        from vm.bytecode.opcodes import get_bx

        bx = get_bx(proto.code[pc])
        if bx < len(proto.protos):
            text = text.rsplit("\t; ", 1)[0] + f"\t; function <{name}:{proto.protos[bx].linedefined}>"
    return text


def _rule(fn: LuaFunction, pc: int) -> str:
    from vm.bytecode.opcodes import OPINFO, get_op

    return OPINFO[get_op(fn.p.proto.code[pc])].rule


def _filled_rule(fn: LuaFunction, pc: int, R: list, label) -> str:
    """An instruction's rule (``R(A) := UpValue[B]``) with its operands filled in and the
    values of the registers, upvalues and constants it names: ``R0 := U0  (U0 = 41)``."""
    import re

    from vm.bytecode.opcodes import get_a, get_b, get_bx, get_c, get_sbx, index_k, is_k

    proto = fn.p.proto
    i = proto.code[pc]
    a, b, c = get_a(i), get_b(i), get_c(i)

    def rk(x: int) -> str:
        return f"K{index_k(x)}" if is_k(x) else f"R{x}"

    text = _rule(fn, pc).replace(", R(A), ... ,R(A+n)", "")
    for pattern, value in (("KPROTO[Bx]", f"function {get_bx(i)} of this one"), ("RK(B)", rk(b)),
                           ("RK(C)", rk(c)), ("UpValue[B]", f"U{b}"),
                           ("Kst(Bx)", f"K{get_bx(i)}"), ("(Bool)B", "true" if b else "false"),
                           ("sBx", str(get_sbx(i))), ("if (C)", f"if ({c})")):
        text = text.replace(pattern, value)
    text = re.sub(r"R\(A\+(\d)\)", lambda m: f"R{a + int(m.group(1))}", text)
    text = text.replace("R(A)", f"R{a}").replace("R(B)", f"R{b}").replace("R(C)", f"R{c}")
    nk = fn.p.nk
    shown = []
    for name in dict.fromkeys(re.findall(r"\b([RUK])(\d+)\b", text)):
        kind, n = name[0], int(name[1])
        if kind == "R" and nk + n < len(R):
            value = R[nk + n]
        elif kind == "U" and n < len(fn.upvals):
            value = fn.upvals[n].regs[fn.upvals[n].idx]
        elif kind == "K" and n < len(proto.constants):
            value = proto.constants[n]
        else:
            continue
        text_of = label(value) if value.__class__ in _HANDLED else inspect._show(value)
        shown.append(f"{kind}{n} = {text_of}")
        if len(shown) == 3:
            break
    return text + (f"  ({', '.join(shown)})" if shown else "")


def upvalues_of(obj: object) -> list[tuple[bytes, object]] | None:
    """A Lua closure's upvalues as (name, value), read raw; None for any other value."""
    if obj.__class__ is not LuaFunction:
        return None
    names = obj.p.proto.upvalues  # type: ignore[attr-defined]
    return [(names[i] if i < len(names) else b"?", c.regs[c.idx])
            for i, c in enumerate(obj.upvals)]  # type: ignore[attr-defined]


def size_of(obj: object) -> int:
    """How big a value is for a summary: a table's entries, a closure's upvalues, else 0."""
    return _size(obj)


def _size(obj: object) -> int:
    if obj.__class__ is LuaTable:
        return len(obj.arr) + len(obj.hash)  # type: ignore[attr-defined]
    if obj.__class__ is LuaFunction:
        return len(obj.upvals)  # type: ignore[attr-defined]
    return 0


def _scope(L: LuaState, frame: Frame | None) -> LuaTable:
    """An environment for an evaluation in ``frame``: its active locals, then its upvalues,
    then its globals. Assignments go to the local or upvalue of that name, else to globals."""
    env = LuaTable()
    if frame is None or frame.cl is None:
        globals_ = L.globals
        meta = LuaTable()
        meta.set_str(b"__index", globals_)
        meta.set_str(b"__newindex", globals_)
        env.metatable = meta
        return env
    cl = frame.cl
    proto = cl.p.proto
    nk = cl.p.nk
    pc = frame.pc
    names: dict[bytes, int] = {}
    for reg in range(proto.maxstacksize):
        name = inspect.local_at(proto, reg, pc)
        if name is not None and not name.startswith(b"("):
            names[name] = reg  # a later register of the same name shadows an earlier one
    upnames = {name: i for i, name in enumerate(proto.upvalues)}
    globals_ = cl.env

    def lookup(L, args: list) -> list:
        key = args[1] if len(args) > 1 else None
        if key.__class__ is bytes:
            if key in names:
                return [frame.R[nk + names[key]]]
            if key in upnames:
                cell = cl.upvals[upnames[key]]
                return [cell.regs[cell.idx]]
        if globals_.__class__ is LuaTable:
            return [globals_.get(key)]  # type: ignore[attr-defined]
        return [None]

    def assign(L, args: list) -> list:
        key = args[1] if len(args) > 1 else None
        value = args[2] if len(args) > 2 else None
        if key.__class__ is bytes and key in names:
            frame.R[nk + names[key]] = value
        elif key.__class__ is bytes and key in upnames:
            cell = cl.upvals[upnames[key]]
            cell.regs[cell.idx] = value
        elif globals_.__class__ is LuaTable:
            globals_.set(key, value)  # type: ignore[attr-defined]
        return []

    meta = LuaTable()
    meta.set_str(b"__index", Builtin("__index", lookup))
    meta.set_str(b"__newindex", Builtin("__newindex", assign))
    env.metatable = meta
    return env


__all__ = ["Breakpoint", "CapturedOutput", "Changes", "CoroutineView", "Debugger", "ExternalState",
           "FunctionView", "HeapObject", "StaleHandle", "Stop", "size_of", "upvalues_of"]
