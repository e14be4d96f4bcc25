"""The debugger's records: what a front end is handed (stops, changes, heap objects, function
listings), what a breakpoint is, and the world a checkpoint copies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from vm.errors import LuaError
from vm.runtime.coroutine import Coroutine
from vm.runtime.frame import Frame
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata, type_name

# the values that are heap objects with a handle (``table#12``)
HANDLED = (LuaTable, LuaFunction, Builtin, Userdata, Coroutine)


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

    def size(self) -> int:
        """How many bytes were written."""
        return sum(map(len, self.chunks))


@dataclass(frozen=True, slots=True)
class Breakpoint:
    """Where to stop. ``line`` (in ``source``, a chunk name, or any chunk when None), or
    ``pc`` in the function defined at ``linedefined`` of ``source``, or entry to a function
    called by ``function`` (the name 5.1 gives it: ``f``, ``obj.m``'s ``m``). ``condition``:
    a Lua expression evaluated in the stopped frame; the breakpoint holds when it is true.
    ``hits``: a hit condition on the number of times it held so far (``"100"`` or ``"== 100"``:
    the 100th time; ``">= 100"``, ``"> 100"``, ``"% 10"``: every 10th). ``log``: a logpoint's
    message, text with ``{expression}`` parts; a logpoint writes it (``Debugger.log_lines``)
    and never stops. See vm/debugger/breakpoints.py."""

    line: int | None = None
    source: bytes | None = None
    pc: int | None = None
    linedefined: int | None = None
    function: bytes | None = None
    condition: bytes | None = None
    hits: str | None = None
    log: bytes | None = None


@dataclass(slots=True, unsafe_hash=True)
class Stop:
    """Why the debugger stopped. reason: start, step, line, return, breakpoint, error, done,
    paused, history (going back reached the start), limit; going back: call (back out at the
    call of a function), watchpoint (a watched place changed), last write, created.

    A value: never changed once made (``dataclasses.replace`` for another). Not frozen only
    because a frozen dataclass's constructor costs 3x more, and one is made per step."""

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
    thread: object = None  # the coroutine itself, for a front end's own labels


@dataclass(slots=True)
class World:
    """Everything a checkpoint copies: the state and where the debugged call stands."""

    L: LuaState
    holder: Frame
    base: int
    home: list
    position: int = 0
    done: bool = False
    results: list = field(default_factory=list)
    failure: LuaError | None = None  # the error that ended the call, if one did
    exit_status: int | None = None  # the status os.exit ended the program with, if it did


class Exited(LuaError):
    """os.exit ran in an evaluation: the program has ended, with ``status`` (0-255)."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the program exited with status {status} (os.exit)".encode())
        self.status = status


class ExternalState(Protocol):
    """State outside the Lua state that a run changes (a keyspace): a checkpoint takes a
    ``snapshot()`` of it, and going back to that checkpoint calls ``restore(token)``."""

    def snapshot(self) -> object: ...

    def restore(self, token: object) -> None: ...


def message(err: LuaError) -> str:
    v = err.value
    if v.__class__ is bytes:
        return v.decode("utf-8", "backslashreplace")  # type: ignore[union-attr]
    if v.__class__ is float:
        from vm.runtime.numbers import number_to_bytes

        return number_to_bytes(v).decode()  # type: ignore[arg-type]
    return f"(error object is a {type_name(v).decode()} value)"
