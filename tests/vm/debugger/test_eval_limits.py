"""An evaluation in the paused program (the eval box, a watch, a breakpoint condition) is
bounded inside one library call too: a backtracking match stops with the evaluation's limit
error instead of hanging the debugger, as a loop does, and the stop is deterministic (a budget
of library work, not a clock), so going back and forward again repeats it exactly."""

from __future__ import annotations

import pytest

from vm.debugger import Debugger
from vm.errors import LimitError
from vm.session import Session

STUCK = b"string.find(('a'):rep(26), ('a*'):rep(26) .. 'b')"  # hours of backtracking
PROGRAM = b"local x = 1\nx = x + 1\nx = x + 1\nreturn x\n"


def test_a_stuck_evaluation_stops(tier: str) -> None:
    s = Session()
    d = Debugger(s, s.load(PROGRAM, b"=prog"))
    d.step_line()
    d.step_line()
    with pytest.raises(LimitError, match="evaluation stopped after"):
        d.eval(STUCK)
    before = d.eval(b"x")
    d.step_line()
    assert d.eval(b"x") == [before[0] + 1]
    d.step_back()  # the replay repeats the evaluation and its stop
    assert d.eval(b"x") == before
    d.continue_()
    assert d.done and d.results == [3.0]
