"""The debugger's single step (step_instruction), kept lean for the stepping rate: it must stop,
report and record exactly as the general command loop (_go with the rule "step") does, and what
it says a step changed must be what going back to the same position says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import under_tiers
from vm.debugger import Debugger
from vm.session import Session

# under the interpreter and under the compiled tier (the tier fixture, tests/conftest.py)
pytestmark = pytest.mark.usefixtures("tier")

CORPUS = Path(__file__).parent.parent.parent / "corpus"
PROGRAMS = [
    "closures/counter.lua",
    "closures/shared_upvalues.lua",
    "coroutines/generators.lua",
    "coroutines/errors_in_coroutines.lua",
    "metatables/index_newindex.lua",
    "vm_calls/sort_with_comparator.lua",
    "vm_errors/nested_pcall.lua",
    "vm_gc/finalizer_order.lua",
]


def _debugger(source: bytes, name: bytes = b"@prog.lua") -> Debugger:
    s = Session()
    return Debugger(s, s.load(source, name))


def _corpus(rel: str) -> Debugger:
    path = CORPUS / rel
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        s = Session()
        return Debugger(s, s.load(path.read_bytes(), b"@" + path.name.encode()))
    finally:
        os.chdir(cwd)


def _seen(d: Debugger, stop) -> tuple:
    """What a front end sees after a step: the stop, what changed, where the step ran."""
    last = d.last_step
    return (stop.reason, stop.position, stop.message, d.changes,
            None if last is None else (last[1], last[3], last[4]))


# the compiled tier's side on half the programs (the suite's time)
@pytest.mark.parametrize(("rel", "tier"), under_tiers(PROGRAMS, lambda i: i % 2 == 0, PROGRAMS),
                         indirect=["tier"])
def test_single_steps_report_what_the_general_loop_reports(rel: str, tier: str) -> None:
    lean, general = _corpus(rel), _corpus(rel)
    step = lambda before, now: "step"  # noqa: E731 - the rule step_instruction stands for
    n = 0
    while not lean.done:
        got = _seen(lean, lean.step_instruction())
        want = _seen(general, general._go(step))
        assert got == want, f"step {n}"
        n += 1
    assert general.done and lean.output_text() == general.output_text()
    assert n > 50


@pytest.mark.parametrize("rel", PROGRAMS[:4])
def test_the_fingerprint_taken_inline_is_the_views_one(rel: str) -> None:
    d = _corpus(rel)
    while not d.done:
        expected = d._fingerprint()
        d.step_instruction()
        before = d._before
        assert before is not None
        assert before[0] is expected[0]
        assert list(before[1:]) == list(expected[1:])


@pytest.mark.parametrize("rel", PROGRAMS[:4])
def test_changes_going_back_are_those_seen_going_forward(rel: str) -> None:
    d = _corpus(rel)
    forward = {}
    while not d.done:
        d.step_instruction()
        forward[d.position] = d.changes
    for pos in range(d.position - 1, 0, -1):
        d.step_back()
        assert d.position == pos
        assert d.changes == forward[pos], f"position {pos}"


def test_changes_name_the_register_upvalue_and_global_a_step_wrote() -> None:
    d = _debugger(b"local up = 0\n"
                  b"local function f()\n"
                  b"  local a = 1\n"
                  b"  up = a\n"
                  b"  g = a\n"
                  b"end\n"
                  b"f()\n")
    d.run_to_line(3)
    d.step_instruction()  # LOADK a
    assert d.changes.registers == frozenset({0}) and not d.changes.frames
    d.step_instruction()  # SETUPVAL up
    assert d.changes.upvalues == frozenset({0}) and not d.changes.registers
    d.step_instruction()  # SETGLOBAL g
    assert d.changes.globals == frozenset({b"g"})
    d.step_instruction()  # RETURN: back in the main chunk
    assert d.changes.frames


class Boom(Exception):
    """A bug in ferrous, injected as a library function that raises a Python exception."""


def _boom(L: object, args: list) -> list:
    raise Boom("injected")


@pytest.mark.parametrize("source", [
    b"local x = 1\nboom()\n",
    b"local co = coroutine.create(function() local y = 2 boom() end)\ncoroutine.resume(co)\n",
    b"print(pcall(boom))\n",
], ids=["top level", "in a coroutine", "in pcall"])
def test_a_bug_struck_while_single_stepping_ends_the_run_cleanly(source: bytes) -> None:
    """step_instruction's straight path treats an internal error as _advance does: the run is
    over, saying why, and the state is the main thread's again (the Running context left)."""
    from vm.runtime import function, track
    from vm.runtime.function import Builtin

    s = Session()
    s.globals.set_str(b"boom", Builtin("boom", _boom))
    hook, on_proto = track.hook, function.on_prototype
    d = Debugger(s, s.load(source, b"=stdin"))
    steps = 0
    with pytest.raises(Boom):
        while not d.done:
            d.step_instruction()
            steps += 1
    assert steps > 0 and d.done
    assert "internal error in ferrous: Boom: injected" in d.end_message()
    assert (track.hook, function.on_prototype) == (hook, on_proto)
    assert d._running.depth == 0
    assert d.eval(b"coroutine.running()") == [None]
    L = d.close()
    assert L.current is L.main and not L.frames and L.ccalls == 0
