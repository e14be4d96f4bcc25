"""When the auto tier translates a function run in slices of a budget: a big function that runs
little stays interpreted (a 30,000-term expression in a Redis script was translated for seconds
in the middle of its only run, past the script's time limit; `ferrous redis eval` said "Script
killed"), a small hot loop is translated (the policy itself: test_policy.py)."""

from __future__ import annotations

import io

from vm.runtime import compiled
from vm.session import Session


def _translated_after_slices(source: bytes, slices: int) -> bool:
    """Run source in slices of a budget (each slice enters the dispatcher again, as a time
    limit's polls do): was its main function translated?"""
    saved = compiled.mode
    compiled.set_mode("auto")
    try:
        session = Session(io.BytesIO())
        fn = session.load(source, b"=prog")
        session.start(fn, [])
        n = 0
        while not session.step(100):
            n += 1
        assert n >= slices
        return fn.p.run is not None  # type: ignore[attr-defined]
    finally:
        compiled.set_mode(saved)


def test_a_big_function_resumed_a_few_times_stays_interpreted() -> None:
    terms = 30_000
    assert not _translated_after_slices(b"local x = 1 return 0" + b"+x" * terms, terms // 100 - 1)


def test_a_small_function_resumed_as_often_is_translated() -> None:
    assert _translated_after_slices(b"local s = 0 for i = 1, 30000 do s = s + i end return s", 500)
