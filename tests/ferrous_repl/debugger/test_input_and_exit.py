"""A debugged program's input and os.exit as the TUI shows them (Pilot through make_app): a
program with no input is told so in the output panel where it read, os.exit's status is in the
status line (from the program and from the eval box), and going back undoes the end."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from textual.widgets import Input

from ferrous_repl.debugger import make_app
from ferrous_repl.debugger.widgets.eval_box import EvalBox
from ferrous_repl.debugger.widgets.output import OutputPanel
from tests.ferrous_repl.debugger.test_breakpoints import press

SIZE = (120, 40)


def test_no_input_is_said_and_os_exit_ends_with_its_status(programs: Path) -> None:
    async def run() -> None:
        app = make_app("greet.lua")
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "c")
            assert app.snapshot.status.startswith("finished by os.exit (status 3)")
            lines = app.snapshot.output_log.plain.split("\n")  # what the output panel shows
            assert lines[:3] == ["name? ", "▸ io.read: the program has no input (give it one: ferrous "
                                 "debug --stdin FILE prog.lua, or < FILE); it reads end of file",
                                 "hello\tnil"]
            await press(pilot, app, "S")  # back before the exit: the program goes on again
            assert not app.snapshot.done and app.snapshot.frame.line == 4
            await press(pilot, app, "c")
            assert app.snapshot.status.startswith("finished by os.exit (status 3)")

    asyncio.run(run())


def test_input_given_and_os_exit_in_the_eval_box(programs: Path) -> None:
    async def run() -> None:
        app = make_app("greet.lua", stdin=io.BytesIO(b"Ada\n"))
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "n", "n", "n")
            assert app.query_one(OutputPanel).text == "name? hello\tAda\n"
            await press(pilot, app, "e")
            app.query_one("#eval-input", Input).value = "os.exit(7)"
            await press(pilot, app, "enter")
            assert app.query_one(EvalBox).last_result == "the program exited with status 7 (os.exit)"
            assert app.snapshot.done and app.snapshot.status.startswith("finished by os.exit (status 7)")
            await press(pilot, app, "escape", "r", "c")  # a fresh run reads the same input
            assert app.query_one(OutputPanel).text == "name? hello\tAda\nunreached\n"
            assert app.snapshot.status.startswith("finished (status 0)")

    asyncio.run(run())
