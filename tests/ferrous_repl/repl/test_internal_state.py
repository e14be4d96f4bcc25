"""The REPL after an internal error inside a coroutine: reported as an internal error, and the
next input runs on the main thread with the globals kept (compared with lua5.1's answer)."""

from __future__ import annotations

import io
import subprocess

from ferrous_repl.repl import evaluate
from vm.runtime.function import Builtin
from vm.session import Session

NEXT = b"print(coroutine.running(), type(coroutine), kept)"


def _boom(L: object, args: list) -> list:
    raise ZeroDivisionError("injected")


def test_next_input_runs_on_the_main_thread(tier: str) -> None:
    out = io.BytesIO()
    s = Session(out=out)
    s.globals.set_str(b"boom", Builtin("boom", _boom))
    first = evaluate.load(s, b"kept = 42\ncoroutine.wrap(function() pcall(boom) end)()", b"=stdin")
    outcome = evaluate.call(s, first)
    assert isinstance(outcome, evaluate.Internal)
    assert outcome.summary == "ZeroDivisionError: injected"
    outcome = evaluate.call(s, evaluate.load(s, NEXT, b"=stdin"))
    assert isinstance(outcome, evaluate.Returned)
    want = subprocess.run(["lua5.1", "-e", "kept = 42", "-e", NEXT.decode()], capture_output=True,
                          check=True).stdout
    assert out.getvalue() == want
