"""Breakpoint commands as a user types them in the eval box, through make_app with Pilot: hit
counts and their list, logpoints in the output panel, conditions, and refused input shown in the
eval log with the command on the nearest line with code offered in the input."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from ferrous_repl.debugger import DebuggerApp, make_app
from ferrous_repl.debugger.widgets.eval_box import EvalBox
from ferrous_repl.debugger.widgets.output import OutputPanel
from ferrous_repl.debugger.widgets.rows import RowsPanel
from ferrous_repl.debugger.widgets.source import SourcePanel

SIZE = (120, 40)


async def press(pilot, app: DebuggerApp, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


async def command(pilot, app: DebuggerApp, text: str) -> str:
    """Type a command in the eval box and submit it; the answer shown in the eval log."""
    await press(pilot, app, "e")
    field = app.query_one("#eval-input", Input)
    field.value = text
    await press(pilot, app, "enter")
    return app.query_one(EvalBox).last_result


def named(app: DebuggerApp) -> dict[str, str]:
    return {r.name: r.value.plain for r in app.query_one("#registers", RowsPanel).rows if r.name}


def test_hit_counts_and_the_breakpoint_list(programs: Path) -> None:
    async def run() -> None:
        app = make_app("squares.lua")
        async with app.run_test(size=SIZE) as pilot:
            said = await command(pilot, app, ":break 6 hits 4")
            assert said == "breakpoint on line 6 (hits 4) set"
            await press(pilot, app, "escape", "c")
            assert app.snapshot.stop.reason == "breakpoint" and app.snapshot.frame.line == 6
            assert named(app)["i"] == "4" and named(app)["total"] == "14"
            assert await command(pilot, app, ":break") == "breakpoint on line 6 (hits 4)  ·  hit 4 times"
            await press(pilot, app, "escape", "c")
            assert app.snapshot.done
            assert await command(pilot, app, ":break") == "breakpoint on line 6 (hits 4)  ·  hit 10 times"
            await command(pilot, app, ":clear")
            said = await command(pilot, app, ":break 5 hits % 3 if i > 3")
            assert said == "breakpoint on line 5 (hits % 3) if i > 3 set"
            await press(pilot, app, "escape", "r", "c")
            # hits from i = 4 on; every third of those: i = 6
            assert app.snapshot.stop.reason == "breakpoint" and named(app)["i"] == "6"

    asyncio.run(run())


def test_logpoints_write_in_the_output_panel_and_carry_on(programs: Path) -> None:
    async def run() -> None:
        app = make_app("squares.lua")
        async with app.run_test(size=SIZE) as pilot:
            said = await command(pilot, app, ':log 6 "i = {i}, sq = {sq}"')
            assert said == 'logpoint on line 6: "i = {i}, sq = {sq}" set'
            await press(pilot, app, "escape", "c")
            assert app.snapshot.done
            shown = app.query_one(OutputPanel).text
            lines = app.snapshot.output_log.plain.split("\n")
            assert lines[:3] == ["▸ i = 1, sq = 1", "▸ i = 2, sq = 4", "▸ i = 3, sq = 9"]
            assert lines[9:11] == ["▸ i = 10, sq = 100", "total\t385"]
            assert "italic" in shown  # set apart from what the program printed
            # going back takes the log back with the program
            await press(pilot, app, "S", "S", "S", "S")
            assert app.snapshot.output_log.plain.split("\n")[-2] == "▸ i = 10, sq = 100"
            await press(pilot, app, "r")
            assert app.snapshot.output_log is None

    asyncio.run(run())


def test_refused_input_says_why_and_offers_the_nearest_line(programs: Path) -> None:
    async def run() -> None:
        app = make_app("squares.lua")
        async with app.run_test(size=SIZE) as pilot:
            said = await command(pilot, app, ":break 3 if total > 20")
            assert said == ("line 3 of squares.lua has no code; the nearest line with code is 4: "
                            "Enter sets it there (:break 4 if total > 20)")
            field = app.query_one("#eval-input", Input)
            assert field.value == ":break 4 if total > 20"
            await press(pilot, app, "enter")
            assert app.query_one(EvalBox).last_result == "breakpoint on line 4 if total > 20 set"
            said = await command(pilot, app, ":break 5 if sq ==")
            assert said == "(condition):1: unexpected symbol near '<eof>'"
            said = await command(pilot, app, ":break 40")
            assert said == "line 40 is past the end of squares.lua (8 lines)"
            said = await command(pilot, app, ':log 6 "sq = {sq"')
            assert said.startswith("(log message): '{' without its '}'")
            said = await command(pilot, app, ":break 6 hits often")
            assert said.startswith("not a line or a function name")
            # b on a line without code: the same offer
            source = app.query_one(SourcePanel)
            await press(pilot, app, "escape")
            source.focus()
            await press(pilot, app, "home", "down", "down", "b")  # line 3, blank
            assert field.value == ":break 4"
            assert app.snapshot.breakpoints == {(b"@squares.lua", 4)}
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "breakpoint" and named(app)["total"] == "30"

    asyncio.run(run())


def test_a_failing_condition_stops_with_its_error(programs: Path) -> None:
    async def run() -> None:
        app = make_app("squares.lua")
        async with app.run_test(size=SIZE) as pilot:
            await command(pilot, app, ":break 6 if sq.x")
            await press(pilot, app, "escape", "c")
            assert app.snapshot.stop.reason == "breakpoint"
            said = ("the breakpoint's condition failed: (condition):1: attempt to index upvalue "
                    "'sq' (a number value)")  # in the condition, the frame's locals are upvalues
            assert app.snapshot.stop.message == said
            assert said in app.snapshot.status and named(app)["sq"] == "1"

    asyncio.run(run())
