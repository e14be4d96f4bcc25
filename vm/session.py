"""The session: the one facade front ends (CLI, REPL, debugger, tests) use to run Lua.

A Session owns a Lua state with its libraries open, loads chunks (source or binary) and runs
them to completion. Output of ``print`` and ``io.write`` goes to the session's ``out`` stream.
"""

from __future__ import annotations

import sys
from typing import BinaryIO

from vm.loader import load_chunk, load_file
from vm.runtime.state import LuaState
from vm.runtime.table import LuaTable


class Session:
    """A Lua 5.1 state with the standard libraries, ready to run chunks."""

    def __init__(self, out: BinaryIO | None = None) -> None:
        from vm.lib import open_libs

        self.state = LuaState()
        self.state.out = out if out is not None else sys.stdout.buffer
        open_libs(self.state)

    @property
    def globals(self) -> LuaTable:
        return self.state.globals

    def load(self, data: bytes, chunkname: bytes) -> object:
        """Compile (or undump) a chunk into a function; raises LoadError."""
        return self.state.load(load_chunk(data, chunkname))

    def load_file(self, path: str | None) -> object:
        """luaL_loadfile: a file (None: standard input) into a function; raises LoadError."""
        return self.state.load(load_file(path))

    def call(self, fn: object, args: list | None = None) -> list:
        """Call a Lua value to completion; raises LuaError (with ``traceback`` when uncaught)."""
        return self.state.call(fn, args or [])

    def run(self, source: bytes, chunkname: bytes = b"=(session)", args: list | None = None) -> list:
        """Load and run a chunk of source; returns its results."""
        return self.call(self.load(source, chunkname), args)

    def close(self) -> None:
        """lua_close: call the __gc of every userdata that has one, newest first."""
        from vm.lib.base import run_finalizers
        from vm.runtime.function import Builtin

        L = self.state
        L.pending_gc = [u for u in reversed(L.heap.finalizable)
                        if u.metatable is not None and u.metatable.hash.get(b"__gc") is not None]
        L.heap.finalizable = []
        if L.pending_gc:
            self.call(Builtin("close", lambda L, args: run_finalizers(L), is_gen=True), [])

    # --- stepping ---------------------------------------------------------------------------

    def start(self, fn: object, args: list | None = None) -> None:
        """Prepare a call to run instruction by instruction with ``step``."""
        from vm.runtime.frame import CONT_CALL, Frame

        L = self.state
        self._base = len(L.frames)
        self._home = L.frames
        self._holder = Frame(None, [None], None, 0, -1, CONT_CALL)
        L.frames.append(self._holder)
        self._done = not L.call_with(self._holder, fn, list(args or []), 0, -1, CONT_CALL)

    def step(self, n: int = 1) -> bool:
        """Run at most n instructions of the started call; True once it has returned. A Lua
        error that nothing catches ends it: LuaError is raised and the call is over."""
        from vm.runtime.interp import run

        if self._done:
            return True
        L = self.state
        L.budget = n
        try:
            self._done = run(L, self._base + 1, self._home)
        except BaseException:
            self._done = True
            del self._home[self._base:]
            raise
        return self._done

    def results(self) -> list:
        """The values the stepped call returned."""
        return self._holder.R[0:self._holder.top]
