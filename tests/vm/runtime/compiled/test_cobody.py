"""Coroutine bodies run as Python generators (vm/runtime/compiled/cobody.py): the shortcut is
taken, and wherever the program is paused, or the debugger goes back and forth in time, the
state is the interpreter's. (Outputs against lua5.1: the corpus program
vm_coroutines/generator_bodies.lua, run under both tiers by test_corpus_vm.py.)"""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path

import pytest

from tests.vm.runtime.compiled.test_states import assert_paused_states_match
from tests.vm.test_debugger import _debugger, digest
from vm.runtime import compiled
from vm.runtime.compiled import translate
from vm.runtime.compiled.cobody import BODY_FREE
from vm.runtime.coroutine import Coroutine
from vm.session import Session


@pytest.fixture(autouse=True)
def _tier_as_found():
    """The tests switch tiers; the one the run was started with (FERROUS_TIER) comes back after
    each, not the interpreter whatever it was."""
    mode, strict = compiled.mode, translate.strict
    yield
    compiled.set_mode(mode)
    translate.strict = strict

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
PROGRAMS = ["vm_coroutines/generator_bodies.lua", "coroutines/producer_consumer.lua",
            "vm_coroutines/generator_shapes.lua",
            "vm_coroutines/wrap_generators.lua"]

LEFT_SUSPENDED = b"""
co = coroutine.create(function(a)
  local s = a
  while true do s = s + coroutine.yield(s) end
end)
local gen = coroutine.wrap(function() for i = 1, 10 do coroutine.yield(i) end end)
local sum = 0
for i = 1, 20 do sum = sum + select(2, coroutine.resume(co, i)) end
for v in gen do sum = sum + v end
print(sum)
"""


@pytest.mark.parametrize("mode", ["compiled", "auto"])
def test_a_body_that_yields_directly_is_suspended_as_a_generator(
        mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # auto translating after a few calls and iterations: the hand-over to translated code
    # while the program runs is what is tested here, not when it comes (test_policy.py)
    monkeypatch.setattr(compiled, "PAYBACK", 1)
    compiled.set_mode(mode)
    translate.strict = True
    try:
        out = io.BytesIO()
        session = Session(out)
        session.run(LEFT_SUSPENDED, b"=left")
        co = session.state.globals.get_str(b"co")
    finally:
        compiled.set_mode("interp")
        translate.strict = False
    expected = subprocess.run(["lua5.1", "-"], input=LEFT_SUSPENDED, capture_output=True,
                              check=True).stdout
    assert out.getvalue() == expected
    assert co.__class__ is Coroutine and co.status == b"suspended"
    assert co.body is not None and co.yframe is co.frames[-1]
    assert co.frames[0].cl.p.variants.get(BODY_FREE) is not None  # a plain run counts no budget


@pytest.mark.parametrize("size", [3, 17, 100])
@pytest.mark.parametrize("name", PROGRAMS)
def test_paused_states_match_the_interpreter(name: str, size: int) -> None:
    assert_paused_states_match(CORPUS / name, size)


def _walk(path: Path, mode: str, targets: list[int]) -> list[tuple]:
    """The debugger's whole state after running to the end, then at each target position in
    turn (going back and forth: replays run translated code, generators included)."""
    compiled.set_mode(mode)
    translate.strict = mode == "compiled"
    try:
        d = _debugger(path)
        d.continue_()
        states = [digest(d)]
        for t in targets:
            d.goto(t)
            states.append(digest(d))
        return states
    finally:
        compiled.set_mode("interp")
        translate.strict = False


# two coroutines suspended at a yield hundreds of times, resumed from a translated loop: going
# back to the middle leaves each with a generator further on than its frame
LONG_LIVED = b"""
local acc = coroutine.create(function(a)
  local s = a
  while true do s = s + coroutine.yield(s) end
end)
local gen = coroutine.wrap(function() for i = 1, 40 do coroutine.yield(i * 2) end end)
local out = {}
for i = 1, 40 do
  local _, s = coroutine.resume(acc, i)
  out[#out + 1] = s + gen()
end
print(table.concat(out, " "))
"""


@pytest.mark.parametrize("name", [*PROGRAMS[:2], "long_lived"])
def test_the_debugger_going_back_and_forth_sees_the_interpreters_states(
        name: str, tmp_path: Path) -> None:
    path = CORPUS / name
    if name == "long_lived":
        path = tmp_path / "long_lived.lua"
        path.write_bytes(LONG_LIVED)
    compiled.set_mode("interp")
    d = _debugger(path)
    d.continue_()
    end = d.position
    rng = random.Random(12)
    targets = [rng.randrange(end) for _ in range(12)] + [end, 0, end // 2, end]
    expected = _walk(path, "interp", targets)
    got = _walk(path, "compiled", targets)
    for i, (e, g) in enumerate(zip(expected, got, strict=True)):
        assert g == e, f"move {i} (to {([None] + targets)[i]}) differs"


SET_UP = b"""
co = coroutine.create(function(a)
  local s = a
  while true do s = s + coroutine.yield(s) end
end)
for i = 1, 5 do coroutine.resume(co, i) end
"""
SLICED = b"""
local t = 0
for i = 1, 30 do t = t + select(2, coroutine.resume(co, i)) end
print(t)
"""


def _sliced_states(mode: str) -> list[tuple]:
    """A coroutine left suspended by a plain run (its body's generator counting no budget),
    then resumed by a chunk run in slices of 40 instructions: the state at every pause."""
    compiled.set_mode(mode)
    translate.strict = mode == "compiled"
    try:
        out = io.BytesIO()
        session = Session(out)
        session.run(SET_UP, b"=setup")
        session.start(session.load(SLICED, b"=sliced"), [])
        states = []
        while not session.step(40):
            L = session.state
            states.append((L.current is L.main, [(f.pc, f.cl is None) for f in L.frames],
                           L.ccalls, out.getvalue()))
        states.append(out.getvalue())
        return states
    finally:
        compiled.set_mode("interp")
        translate.strict = False


def test_a_generator_made_for_a_plain_run_is_not_resumed_by_a_counted_one() -> None:
    expected = _sliced_states("interp")
    assert _sliced_states("compiled") == expected
    lua = subprocess.run(["lua5.1", "-"], input=SET_UP + SLICED, capture_output=True,
                         check=True).stdout
    assert expected[-1] == lua


HOOKED = b"""
local lines = 0
local co = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i) end
  debug.sethook(function() lines = lines + 1 end, "l")
  for i = 4, 6 do coroutine.yield(i) end
  debug.sethook()
  for i = 7, 9 do coroutine.yield(i) end
end)
local s = 0
for i = 1, 9 do s = s + co() end
print(s, lines)
"""


def test_a_hook_set_from_inside_a_generator_body_counts_as_lua51s(tier: str) -> None:  # noqa: ARG001
    """The body's translated code hands over to the interpreter at the hook, its generator
    dropped; the line events it then sees are lua5.1's."""
    expected = subprocess.run(["lua5.1", "-"], input=HOOKED, capture_output=True,
                              check=True).stdout
    out = io.BytesIO()
    Session(out).run(HOOKED, b"=hooked")
    assert out.getvalue() == expected
