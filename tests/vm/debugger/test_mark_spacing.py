"""Where the debugger takes its marks (the points a step back rewinds to) depends on the run
alone: on what each mark captures, never on how long taking it took (which made a step back's
replay, and so its cost, follow the machine's load and Python's collector)."""

from __future__ import annotations

import time

import pytest

from vm.debugger import Debugger, history
from vm.debugger import marks as marks_module
from vm.session import Session

# under the interpreter and under the compiled tier (the tier fixture, tests/conftest.py)
pytestmark = pytest.mark.usefixtures("tier")

SHALLOW = b"local x = 0\nfor i = 1, 100000 do x = x + i end\n"
DEEP = (b"local function r(n)\n"
        b"  if n == 0 then local x = 0 for i = 1, 100000 do x = x + i end return x end\n"
        b"  return r(n - 1) + 1\n"
        b"end\n"
        b"print(r(300))\n")


def _positions(source: bytes, steps: int) -> list[int]:
    s = Session()
    d = Debugger(s, s.load(source, b"@prog.lua"))
    for _ in range(steps):
        d.step_instruction()
    return [m.position for m in d._marks]


def test_marks_fall_at_the_same_positions_however_slow_taking_them_is(monkeypatch) -> None:
    quick = _positions(SHALLOW, 3000)
    take = marks_module.take

    def slow_take(d, position):
        time.sleep(0.002)  # a loaded machine, a collection of Python's heap during the mark
        return take(d, position)

    monkeypatch.setattr(marks_module, "take", slow_take)
    assert _positions(SHALLOW, 3000) == quick
    assert quick == list(range(0, 3001, history.MIN_INTERVAL))


def test_bigger_marks_are_taken_further_apart() -> None:
    shallow = _positions(SHALLOW, 6000)
    deep = _positions(DEEP, 6000)
    gaps = [b - a for a, b in zip(deep[-4:], deep[-3:], strict=False)]
    assert all(history.MIN_INTERVAL < g <= history.MAX_INTERVAL for g in gaps), gaps
    assert len(deep) < len(shallow)
