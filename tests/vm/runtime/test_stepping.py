"""A step is a transaction: running a program one instruction at a time gives exactly what
running it straight gives (output, results, error), closures, coroutines, metamethods and
library callbacks included, since every one of them is a frame of the VM's own stack. Both
tiers: translated code hands over to the interpreter at the exact instruction where a budget
ends."""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path

import pytest

from vm.errors import LuaError
from vm.runtime import compiled
from vm.runtime.compiled import translate
from vm.session import Session

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# single stepping pays a call per instruction: the first ONE_BY_ONE instructions go one at a
# time, the rest of a long program in budgets that keep changing, so that it still pauses
# between instructions of every kind at ever different places (a program of millions of
# instructions would otherwise take minutes)
ONE_BY_ONE = 100_000
# under the compiled tier a budget of 1 ends every translated block at its first instruction,
# which the interpreter then runs: what single stepping adds there is checked in the first
# instructions, and the varying budgets (which stop translated blocks part way) do the rest
ONE_BY_ONE_COMPILED = 5_000
BUDGETS = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 1)
TOPICS = ("closures", "coroutines", "metatables", "vm_coroutines", "vm_metatables", "vm_calls",
          "programs", "varargs", "errors_runtime", "vm_errors")


def programs() -> list[Path]:
    return sorted(p for t in TOPICS for p in (CORPUS / t).glob("*.lua"))


def execute(path: Path, step: int | None, one_by_one: int = ONE_BY_ONE) -> tuple[bytes, object, int]:
    """Output, outcome (results or the error value) and the number of step calls: straight
    (step None), with a fixed budget, or (step 0) one at a time, then varying budgets."""
    out = io.BytesIO()
    session = Session(out)
    cwd = os.getcwd()
    os.chdir(path.parent)
    calls = 0
    try:
        fn = session.load_file(path.name)
        if step is None:
            try:
                outcome: object = ("ok", session.call(fn, []))
            except LuaError as err:
                outcome = ("error", err.value)
        else:
            session.start(fn, [])
            try:
                while not session.step(step or _budget(calls, one_by_one)):
                    calls += 1
                outcome = ("ok", session.results())
            except LuaError as err:
                outcome = ("error", err.value)
    finally:
        os.chdir(cwd)
    return out.getvalue(), _comparable(outcome), calls


def _budget(calls: int, one_by_one: int) -> int:
    return 1 if calls < one_by_one else BUDGETS[calls % len(BUDGETS)]


def _comparable(outcome: tuple) -> tuple:
    kind, value = outcome
    if kind == "ok":
        return kind, [v if isinstance(v, (bytes, float, bool, type(None))) else type(v).__name__
                      for v in value]
    return kind, value if isinstance(value, (bytes, float, bool, type(None))) else type(value).__name__


@functools.cache
def straight_run(path: Path) -> tuple[bytes, object]:
    """Output and outcome of path run straight under the interpreter, once per test process:
    the stepped runs of both tiers are compared with it (test_corpus_vm checks each tier's
    straight run against lua5.1, so a run straight under the compiled tier again here proved
    nothing more and cost a fifth of this file's time)."""
    saved, strict = compiled.mode, translate.strict
    compiled.set_mode("interp")
    translate.strict = False
    try:
        return execute(path, None)[:2]
    finally:
        compiled.set_mode(saved)
        translate.strict = strict


@pytest.mark.parametrize("path", programs(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_single_stepping_matches_running(path: Path, tier: str) -> None:
    stepped = execute(path, 0, ONE_BY_ONE_COMPILED if tier == "compiled" else ONE_BY_ONE)
    assert stepped[:2] == straight_run(path)
    assert stepped[2] > 0  # it really was paused between instructions


def test_every_budget_resumes_exactly(tier: str) -> None:
    path = CORPUS / "programs" / "class_system.lua"
    straight = straight_run(path)
    for step in (2, 3, 7, 50, 1000):
        assert execute(path, step)[:2] == straight
