"""Whole screens of the debugger, compared with accepted snapshots (pytest-textual-snapshot).
Handles (``function#167``) count the objects the libraries make first: when a library gains a
function, look at the new screens and accept them with ``--snapshot-update``."""

from __future__ import annotations

from pathlib import Path

from ferrous_repl.debugger import make_app


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def keys_then_settle(*keys: str):
    async def run(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run


def test_start_of_a_program(snap_compare, programs: Path) -> None:
    assert snap_compare(make_app("counter.lua"), terminal_size=(120, 40), run_before=keys_then_settle())


def test_inside_a_closure_with_an_open_upvalue_small_terminal(snap_compare, programs: Path) -> None:
    async def into_inc(pilot) -> None:  # into make_counter, then into the inc() it calls
        app = pilot.app
        while len(app.snapshot.stack) < 3:
            await pilot.press("i")
            await settle(pilot)

    assert snap_compare(make_app("counter.lua"), terminal_size=(80, 24), run_before=into_inc)


def test_error_stop_high_contrast(snap_compare, programs: Path) -> None:
    assert snap_compare(make_app("failing.lua", theme="high-contrast"), terminal_size=(120, 40),
                        run_before=keys_then_settle("c"))
