"""The Debugger: a call run under control, forwards and backwards (see the package docstring)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import BinaryIO

from vm.debugger.breakpoints import Breakpoints
from vm.debugger.control import Control
from vm.debugger.evaluation import Evaluation
from vm.debugger.history import MIN_INTERVAL, History
from vm.debugger.inputs import ProgramInput
from vm.debugger.marks import Mark, Registry
from vm.debugger.model import Breakpoint, CapturedOutput, Changes, ExternalState, FunctionView, World
from vm.debugger.queries import Queries
from vm.debugger.tracking import Running, created_now, register_existing
from vm.debugger.traps import Traps
from vm.debugger.views import Views
from vm.debugger.watch import Watch
from vm.errors import LuaError
from vm.lib.os import LuaExit
from vm.runtime.frame import CONT_CALL, Frame
from vm.runtime.journal import Journal
from vm.runtime.state import LuaState


class Debugger(Control, Breakpoints, History, Queries, Evaluation, Views):
    """Debug the call ``fn(*args)`` of a session's state. The session's state is replaced by
    copies as the debugger travels in time: always read it through ``debugger.state``.

    For an embedding (Redis scripts): ``external`` is state outside the Lua state that goes
    back in time with it; ``shared`` lists Python objects the state reaches (an engine holding
    sockets and locks) that checkpoints share rather than copy; ``on_uncaught(L, err)`` is
    called at the error point, the stack whole, when an error is about to end the call (what
    xpcall's message handler would see); ``fine_stepping`` runs one instruction at a time even
    when nothing is watched, so that ``request_stop`` from a library function stops right
    after it.

    ``stdin``: the program's standard input, a binary stream read as the program asks (and
    kept, so that going back and forth reads the same bytes; see vm/debugger/inputs.py); by
    default the state's own ``stdin`` if it has one, else none (io.read gives nil, and
    ``log_lines`` says why). os.exit ends the program: ``exit_status`` holds its status."""

    def __init__(self, session, fn: object, args: list | None = None, *,
                 external: ExternalState | None = None, shared: Sequence[object] = (),
                 on_uncaught: Callable[[LuaState, LuaError], None] | None = None,
                 stdin: BinaryIO | None = None) -> None:
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
        L.stdin = ProgramInput(self, stdin if stdin is not None else getattr(L, "stdin", None))
        L.tape = []
        L.tape_pos = 0
        L.error_stop = True
        L.budget_beyond = 0  # the traps' reckoning of positions (traps.py; interp._one sets it)
        L.heap.tracking = True
        self._journal = Journal()
        self._registry = Registry()
        self._marks: list[Mark] = []
        self._allocs = 0  # objects created since the last mark
        self._created: dict[object, int] = {}  # handle -> the mark it was created after
        self._changes: Changes | None = Changes()
        self._before = None
        self._traps = Traps(self)
        self._running = Running(self)
        self._trapped = False  # the last advance was stopped by a trap
        register_existing(L, self._registry.add)
        # the handles below this one name what existed before the program ran (the libraries)
        self.first_handle = len(L.heap.objects)
        self._traps.adopt_existing(L, fn)
        holder = Frame(None, [None], None, 0, -1, CONT_CALL)
        base = len(L.frames)
        L.frames.append(holder)
        self.w = World(L, holder, base, L.frames)
        self.breakpoints: list[Breakpoint] = []
        self.watches: list[Watch] = []
        self._bp_hits: dict[int, bool] = {}
        self._hit_kind: str | None = None
        self.break_on_caught_errors = False
        self.last_step: tuple | None = None  # where the last instruction run was (see _where)
        self._pausing = False  # pause() asked (set from another thread: one attribute, atomic)
        self._evals: dict[int, list[tuple[bytes, int]]] = {}
        self._error_stops: set[int] = set()
        self._interval = MIN_INTERVAL
        self._last_checkpoint = 0
        self._listings: dict[int, tuple[object, FunctionView]] = {}
        with self._active():
            try:
                if not L.call_with(holder, fn, list(args or []), 0, -1, CONT_CALL):
                    self._finish()
            except LuaError as err:  # a library function called directly failed at once
                self._fail(err)
            except LuaExit as leaving:  # ... or was os.exit
                self._exit(leaving.code)
            except Exception as exc:  # a bug in ferrous: the state is left clean
                self._abandon_run(exc)
                raise
        self._checkpoint(force=True)

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
    def exit_status(self) -> int | None:
        """The status the program gave os.exit (as a shell sees it, 0-255), None when it did
        not call it."""
        return self.w.exit_status

    @property
    def pending_error(self) -> LuaError | None:
        return self.w.L.pending_error

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
        self._journal.stop()
        self._traps.remove_all()
        if not w.done:
            del w.home[w.base:]
            L.frames = L.main.frames
            L.current = L.main
            L.main.status = b"running"
            L.ccalls = 0
            w.done = True
        self._marks.clear()
        self.session.state = L
        return L

    def _created_now(self, obj: object) -> None:
        created_now(self, obj)

    def _active(self):
        return self._running
