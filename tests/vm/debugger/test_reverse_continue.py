"""Reverse continue to breakpoints, through the traps: it stops exactly where continue stopped,
in reverse (line, function and instruction breakpoints, conditions, hit counts, a condition
that fails; logpoints never), with the state the forward run showed there, whether the hits
were seen going forwards or the breakpoints were set afterwards."""

from __future__ import annotations

import pytest

from tests.conftest import under_tiers
from tests.vm.debugger.test_breakpoints import PROGRAMS, debugger
from tests.vm.test_debugger import digest
from vm.debugger import Breakpoint, Debugger

# under the interpreter and under the compiled tier (the tier fixture, tests/conftest.py)
pytestmark = pytest.mark.usefixtures("tier")

LOOP = (b"local function work(n, salt)\n"          # 1
        b"  local s = 0\n"                        # 2
        b"  for i = 1, n do\n"                    # 3
        b"    s = (s + i * salt) % 1000003\n"     # 4
        b"  end\n"                                # 5
        b"  return s\n"                           # 6
        b"end\n"                                  # 7
        b"local total = 0\n"                      # 8
        b"for k = 1, 4 do\n"                      # 9
        b"  total = total + work(3000, k)\n"      # 10
        b"end\n"                                  # 11
        b"print(total)\n")                        # 12

BREAKPOINTS = [
    [Breakpoint(line=10, source=b"@prog.lua")],
    [Breakpoint(line=4, source=b"@prog.lua", condition=b"i % 1000 == 7")],
    [Breakpoint(line=4, source=b"@prog.lua", hits=">= 11995"), Breakpoint(line=6, source=b"@prog.lua")],
    [Breakpoint(line=4, source=b"@prog.lua", hits="% 2500")],
    [Breakpoint(line=4, source=b"@prog.lua", log=b"i = {i}"), Breakpoint(function=b"work")],
    [Breakpoint(line=4, source=b"@prog.lua", condition=b"i == 2999 and salt.x")],  # fails
]


def _forward(d: Debugger, bps: list[Breakpoint]) -> tuple[list[int], dict[int, tuple]]:
    for bp in bps:
        d.breakpoints.append(bp)
    stops, states = [], {}
    while True:
        stop = d.continue_()
        if stop.reason != "breakpoint":
            break
        stops.append(d.position)
        states[d.position] = digest(d)
    assert stop.reason == "done"
    return stops, states


def _backward(d: Debugger, states: dict[int, tuple]) -> list[int]:
    back = []
    while True:
        stop = d.reverse_continue()
        if stop.reason != "breakpoint":
            assert d.position == 0
            return back
        back.append(stop.position)
        assert digest(d) == states[stop.position]


# the compiled tier's side on a subset (the suite's time): conditions, hit counts, a logpoint
# with a function breakpoint; half the breakpoint programs
@pytest.mark.parametrize(("bps", "tier"), under_tiers(BREAKPOINTS, lambda i: i in (1, 2, 4),
                                                      [str(i) for i in range(len(BREAKPOINTS))]),
                         indirect=["tier"])
def test_reverse_continue_stops_where_continue_stopped(bps: list[Breakpoint], tier: str) -> None:
    d = debugger(LOOP)
    stops, states = _forward(d, bps)
    assert stops
    assert _backward(d, states) == stops[::-1]


@pytest.mark.parametrize(("bps", "tier"), under_tiers(BREAKPOINTS[:2], lambda i: i == 1, ["0", "1"]),
                         indirect=["tier"])
def test_breakpoints_set_after_the_run_are_found_going_back(bps: list[Breakpoint], tier: str) -> None:
    stops, states = _forward(debugger(LOOP), bps)
    d = debugger(LOOP)
    d.continue_()  # no breakpoints: to the end
    for bp in bps:
        d.breakpoints.append(bp)
    assert _backward(d, states) == stops[::-1]


@pytest.mark.parametrize(("source", "tier"), under_tiers(PROGRAMS, lambda i: i % 2 == 1,
                                                         [str(i) for i in range(len(PROGRAMS))]),
                         indirect=["tier"])
def test_a_breakpoint_on_each_line_of_the_breakpoint_programs(source: bytes, tier: str) -> None:
    """test_breakpoints' programs (loops re-entering lines, for lines, coroutines, metamethods
    between a test and its jump): back through the stops of a breakpoint on each line."""
    seen = 0
    for line in range(1, source.count(b"\n") + 1):
        d = debugger(source)
        stops, states = _forward(d, [Breakpoint(line=line, source=b"@prog.lua")])
        if stops:
            seen += 1
            assert _backward(d, states) == stops[::-1], line
    assert seen


def test_a_removed_logpoint_logs_nothing_in_replays() -> None:
    d = debugger(LOOP)
    bp = Breakpoint(line=4, source=b"@prog.lua", log=b"i = {i}")
    d.breakpoints.append(bp)
    d.run_to_line(6)  # the first call's loop has run, logging each turn
    logged = len(d.log_lines())
    assert logged == 3000
    d.breakpoints.remove(bp)
    d.goto(d.position + 5000)  # into the second call's loop, replayed without the logpoint
    d.step_back()
    assert len(d.log_lines()) == logged
