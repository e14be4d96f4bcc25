"""Tail calls made by translated code never deepen the stack of frames, whether the callee
opens its frame nested in Python (while there is room) or from the dispatcher (past it): a
chain of any length runs in constant frames, as in lua5.1 (the corpus compares the results
and tracebacks; here the frames are counted, which a chain lua5.1 can run in a test's time
cannot show through Lua)."""

from __future__ import annotations

import io

from vm.runtime.function import Builtin
from vm.session import Session

PROGRAM = b"""
local function loop(n) if n == 0 then return depth() end return loop(n - 1) end
local obj = {}
function obj:count(k) if k == 0 then return depth() end return self:count(k - 1) end
return loop(5000), obj:count(5000), depth()
"""


def test_a_tail_call_chain_runs_in_constant_frames(tier: str) -> None:  # noqa: ARG001
    session = Session(io.BytesIO())
    L = session.state
    session.globals.set_str(b"depth", Builtin("depth", lambda L_, args: [float(len(L.frames))]))
    deepest, method, outside = session.run(PROGRAM, b"=tail")
    assert deepest == method == outside + 1  # the callee's frame in place of the caller's
