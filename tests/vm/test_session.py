"""The session facade: running, stepping, and limits that end a run whatever pcall does."""

from __future__ import annotations

import time
from io import BytesIO

import pytest

from vm.errors import LimitError, LuaError
from vm.session import Limits, Session


def test_run_returns_results_and_prints_to_out() -> None:
    out = BytesIO()
    assert Session(out).run(b"print('hi', 1.5) return 1, nil, 'x'") == [1.0, None, b"x"]
    assert out.getvalue() == b"hi\t1.5\n"


def test_uncaught_error_carries_a_traceback() -> None:
    with pytest.raises(LuaError) as err:
        Session(BytesIO()).run(b"local function f() error('boom') end\nf()", b"=t")
    assert err.value.value == b"t:1: boom"
    assert err.value.traceback is not None
    assert err.value.traceback.startswith(b"stack traceback:\n\t[C]: in function 'error'")


@pytest.mark.parametrize("limits, program", [
    (Limits(instructions=50000), b"while true do end"),
    (Limits(instructions=50000), b"print(pcall(function() while true do end end))"),
    (Limits(seconds=0.3), b"local f = coroutine.wrap(function() while true do end end) f()"),
    (Limits(memory=5_000_000), b"local t = {} for i = 1, 1e7 do t[i] = {i} end"),
])
def test_limits_end_the_run_and_pcall_cannot_catch_them(limits: Limits, program: bytes) -> None:
    session = Session(BytesIO(), limits)
    started = time.monotonic()
    with pytest.raises(LimitError):
        session.run(program)
    assert time.monotonic() - started < 30
    assert session.run(b"return 40 + 2") == [42.0]  # the session is still usable


def test_stepping_pauses_between_instructions() -> None:
    session = Session(BytesIO())
    session.start(session.load(b"local a = 1\nlocal b = a + 1\nreturn a, b", b"=s"))
    steps = 1
    while not session.step(1):
        steps += 1
    assert steps == 5  # LOADK, ADD, MOVE, MOVE, RETURN: one step each
    assert session.results() == [1.0, 2.0]


def test_interrupt_stops_an_infinite_loop_and_keeps_the_state():
    import threading

    from vm.errors import Interrupted

    s = Session(out=BytesIO())
    s.interruptible = True
    timer = threading.Timer(0.2, s.interrupt)
    timer.start()
    with pytest.raises(Interrupted):
        s.run(b"x = 0 while true do x = x + 1 end")
    assert s.run(b"return x")[0] > 0
    assert s.run(b"return pcall(error, 'still works')") == [False, b"still works"]
