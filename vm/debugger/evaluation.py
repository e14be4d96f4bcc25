"""Evaluating Lua in the paused program: in any frame, with its locals and upvalues visible."""

from __future__ import annotations

from vm import inspect
from vm.debugger.conditions import run_nested
from vm.debugger.model import Exited
from vm.debugger.traps import OFF
from vm.errors import LimitError, LoadError, LuaError
from vm.lib.os import LuaExit
from vm.loader import load_chunk
from vm.runtime import track
from vm.runtime.frame import Frame
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable

EVAL_LIMIT = 5_000_000  # instructions an evaluation may run
SLICE = 10_000  # instructions run between two looks at the pause flag when nothing is watched


class Evaluation:
    """The Debugger's evaluations (a part of its class): ``eval`` and ``collect``; evaluations
    are logged by position (``_evals``) so that replays repeat them."""

    def eval(self, code: bytes, depth: int = 0) -> list:
        """Evaluate Lua code in the frame at ``depth`` (0: innermost) with its locals, upvalues
        and globals visible: an expression gives its values, a statement runs (assignments to
        locals and upvalues change them). Raises LoadError or LuaError; LimitError when it runs
        too long. The evaluation becomes part of this run's history: going back and forward
        again repeats it at the same position."""
        pos = self.w.position
        fn = self._compile(code)  # a syntax error changes nothing
        self.changes  # noqa: B018 - what the last step changed, before this changes more
        self._forget_after(pos)
        self._traps.forget_after(pos)
        self._evals.setdefault(pos, []).append((code, depth))
        with self._active():
            try:
                return self._run_eval(fn, depth)
            except LuaExit as leaving:  # os.exit in the eval box ends the program
                self._exit(leaving.code)
                raise Exited(self.w.exit_status) from None  # type: ignore[arg-type]

    def peek(self, code: bytes, depth: int = 0) -> list:
        """Evaluate like ``eval``, but leave no trace: afterwards the program is put back
        exactly as it was (rewound to the mark before and replayed here), the evaluation is not
        logged, and the recorded future is kept. For what a front end evaluates on its own on
        every stop (a debug adapter's watch expressions and hovers). Raises as ``eval``."""
        fn = self._compile(code)
        self.changes  # noqa: B018 - what the last step changed, kept across the rewind
        saved = (self.last_step, self._changes, self._before)
        pos = self.w.position
        try:
            with self._active():
                return self._run_eval(fn, depth)
        except LuaExit as leaving:  # the program goes on: it is put back as it was
            raise LuaError(f"os.exit({leaving.code}) would end the program (not run here; "
                           "evaluate it in the REPL to end it)".encode()) from None
        finally:
            self._restore(pos)
            self.last_step, self._changes, self._before = saved

    def collect(self) -> list[str]:
        """Run a full collection now (as an evaluation of ``collectgarbage()``); returns the
        labels of the objects it freed."""
        heap = self.w.L.heap
        before = {i: heap.label(o) for i, o in enumerate(heap.objects) if o is not None}
        self.eval(b"collectgarbage()")
        return [label for i, label in before.items() if heap.objects[i] is None]

    def _compile(self, code: bytes) -> LuaFunction:
        src = code[1:] if code.startswith(b"=") else code
        try:
            proto = load_chunk(b"return " + src, b"=(eval)")
        except LoadError:
            proto = load_chunk(src, b"=(eval)")
        # the debugger's own closure: no handle, whether compiled now or when a replay repeats
        # the evaluation (which runs with handles given at creation)
        saved_hook, track.hook = track.hook, None
        try:
            return LuaFunction(prototype(proto), [], None)
        finally:
            track.hook = saved_hook

    def _run_eval(self, fn: LuaFunction, depth: int) -> list:
        L = self.w.L
        frame = self._frame_at(depth)
        # the scope's tables and functions are the debugger's, not the program's: no handles,
        # so they are never listed with the program's objects nor counted as alive
        saved_hook, track.hook = track.hook, None
        try:
            # the pc the views show the frame at: a frame below the top is in a call, and
            # the top one stopped on an error is at the instruction that raised it
            at = frame.pc if frame is not None and depth == 0 and L.pending_error is None \
                else (frame.pc - 1 if frame is not None else 0)
            fn.env = scope(L, frame, max(at, 0))
        finally:
            track.hook = saved_hook
        saved_stop, L.error_stop = L.error_stop, False
        saved_budget = L.budget
        traps = self._traps
        saved_mode, traps.mode = traps.mode, OFF  # breakpoints do not stop an evaluation
        try:
            return run_nested(L, fn, [], EVAL_LIMIT, f"evaluation stopped after {EVAL_LIMIT} instructions")
        finally:
            L.budget = saved_budget
            L.error_stop = saved_stop
            traps.mode = saved_mode

    def _frame_at(self, depth: int) -> Frame | None:
        """The frame at depth as inspect.frames counts (0: innermost; inside a coroutine, past
        its frames, those of the threads that resumed it); None for a library function's frame
        or past the bottom."""
        from vm.inspect import live_frames

        if depth < 0:
            return None
        for _, live in live_frames(self.w.L, threads=True):
            if depth < len(live):
                f = live[len(live) - 1 - depth]
                return f if f.cl is not None else None
            depth -= len(live)
        return None

    def _until_eval(self, n: int) -> int:
        """Shorten a run so that it stops at the next position with a logged evaluation."""
        if not self._evals:
            return n
        pos = self.w.position
        later = [p for p in self._evals if pos < p <= pos + n]
        return min(later) - pos if later else n

    def _apply_evals(self) -> None:
        if not self._evals:
            return
        for code, depth in self._evals.get(self.w.position, ()):
            try:
                self._run_eval(self._compile(code), depth)
            except (LuaError, LoadError, LimitError):
                pass
            except LuaExit as leaving:
                self._exit(leaving.code)
                return


def prototype(proto):
    from vm.runtime.function import Prototype

    return Prototype(proto)


def scope(L: LuaState, frame: Frame | None, pc: int | None = None) -> LuaTable:
    """An environment for an evaluation in ``frame``: its locals active at ``pc`` (default:
    the frame's), then its upvalues, then its globals. Assignments go to the local or upvalue
    of that name, else to globals."""
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
    pc = frame.pc if pc is None else pc
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
