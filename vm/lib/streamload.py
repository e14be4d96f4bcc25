"""load(reader): a chunk compiled while its pieces arrive, each asked of the reader only when
the compiler needs more (lua_load with lbaselib.c's generic_reader).

The compiler is recursive Python that pulls its input, and the reader is a Lua function that
the VM must call as a frame of its own, never by Python recursion. So the compiler (or the
undumper, for a binary chunk) runs in a worker thread whose input blocks on a queue; the load
generator, in the VM's thread, answers each request by yielding a call to the reader and
handing the piece over. Only one of the two threads runs at any time. However load ends
(compiled, a syntax error, the reader failing or returning something else than a string, the
generator being dropped), the worker is told to stop if it is waiting and is joined.
"""

from __future__ import annotations

import queue
import threading

from vm.bytecode.chunk import undump
from vm.bytecode.proto import Proto
from vm.compiler import compile_stream
from vm.errors import LuaError
from vm.runtime.function import Builtin
from vm.runtime.limits import compile_poll
from vm.runtime.numbers import number_to_bytes

SIGNATURE_FIRST = b"\x1b"
WORKER_STACK = 64 << 20  # the compiler recurses per syntax level: give it a deep C stack

_MORE = object()  # worker -> VM: the next piece, please
_ABORT = object()  # VM -> worker: stop reading, load is over


class _Aborted(BaseException):
    """Raised in the worker by its input when load no longer wants the compilation."""


def _not_a_string(L, args: list) -> list:
    """generic_reader's luaL_error, raised while load's frame is on top: the position is that
    of load's caller."""
    frames = L.frames
    where = L.where(frames[-2]) if len(frames) > 1 else b""
    raise LuaError(where + b"reader function must return a string")


# an error raised inside lua_load like the reader's own (an xpcall handler sees it)
_NOT_A_STRING = Builtin("load", _not_a_string)


def read_piece(reader: object):
    """generic_reader as a generator step: the reader's next piece, b"" at the end."""
    res = yield reader, []
    piece = res[0] if res else None
    if piece is None:
        return b""
    if piece.__class__ is float:
        return number_to_bytes(piece)  # type: ignore[arg-type]
    if piece.__class__ is not bytes:
        yield _NOT_A_STRING, []
    return piece


class _Worker:
    """The compilation in its thread, and the two queues between it and the VM."""

    def __init__(self, first: bytes, chunkname: bytes, ccalls: int) -> None:
        self.wants: queue.SimpleQueue = queue.SimpleQueue()  # _MORE, or None when done
        self.pieces: queue.SimpleQueue = queue.SimpleQueue()  # bytes, or _ABORT
        self.result: Proto | BaseException | None = None
        self.first = first
        self.chunkname = chunkname
        self.ccalls = ccalls
        self.poll = compile_poll()  # the limits of the run that loads (taken in its thread)
        previous = threading.stack_size(WORKER_STACK)
        try:
            self.thread = threading.Thread(target=self._work, name="ferrous-load", daemon=True)
            self.thread.start()
        finally:
            threading.stack_size(previous)

    def _feed(self) -> bytes:
        self.wants.put(_MORE)
        piece = self.pieces.get()
        if piece is _ABORT:
            raise _Aborted
        return piece

    def _work(self) -> None:
        try:
            if self.first[:1] == SIGNATURE_FIRST:
                self.result = undump(self.first, self.chunkname, self._feed)
            else:
                self.result = compile_stream(self.first, self.chunkname, self._feed,
                                             self.ccalls, poll=self.poll)
        except _Aborted:
            pass
        except BaseException as exc:  # a LoadError, or a failure to report in the VM's thread
            self.result = exc
        self.wants.put(None)


def load_streamed(reader: object, chunkname: bytes, ccalls: int = 1):
    """lua_load from a reader, as a generator step: the Proto, or LoadError; an error of the
    reader (or a piece that is no string) propagates as the LuaError it is."""
    first = yield from read_piece(reader)
    worker = _Worker(first, chunkname, ccalls)
    done = False
    try:
        while worker.wants.get() is _MORE:
            piece = yield from read_piece(reader)
            worker.pieces.put(piece)
        done = True
    finally:
        if not done:  # the worker waits for a piece that will never come
            worker.pieces.put(_ABORT)
        worker.thread.join()
    result = worker.result
    if isinstance(result, BaseException):
        raise result
    return result
