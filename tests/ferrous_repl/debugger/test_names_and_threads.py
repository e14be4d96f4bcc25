"""Names before handles and the whole stack of a coroutine, as a user sees them: Pilot tests
through make_app. The program's first objects are numbered from 1 whatever the libraries made
before; library objects go by the names a program uses for them; a coroutine's frames are
followed by the frames that resumed it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ferrous_repl.debugger import DebuggerApp, make_app
from ferrous_repl.debugger.widgets.eval_box import EvalBox
from ferrous_repl.debugger.widgets.listing import ListingPanel
from ferrous_repl.debugger.widgets.rows import RowsPanel
from ferrous_repl.debugger.widgets.stack import StackPanel

SIZE = (120, 40)


async def press(pilot, app: DebuggerApp, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot, app: DebuggerApp, reached, key: str = "s", limit: int = 200) -> None:
    for _ in range(limit):
        if reached():
            return
        await press(pilot, app, key)
    raise AssertionError(f"not reached after {limit} presses of {key!r}: {app.snapshot.status}")


def registers(app: DebuggerApp) -> dict[str, str]:
    return {r.name: r.value.plain for r in app.query_one("#registers", RowsPanel).rows if r.name}


def test_first_objects_are_numbered_from_one_and_library_ones_named(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "s")  # CLOSURE: the program's first object
            assert registers(app)["make_counter"] == "function#1 <function: counter.lua:1>"
            listing = app.query_one(ListingPanel)
            assert listing.result == ("make_counter := function#1 "
                                      "(new closure of the function defined at line 1)")
            # the frame of make_counter names its definition line; the stack too
            await until(pilot, app, lambda: len(app.snapshot.stack) == 2, "i")
            stack = app.query_one(StackPanel).plain_lines()
            assert stack[0] == "#0 local 'make_counter'  counter.lua:2  (defined at line 1)"
            assert "(defined at line 1)" in app.snapshot.status
            # print is the library's: by its name, and 5.1's name for the call
            await until(pilot, app, lambda: listing.explanation.startswith("read the global print"))
            assert listing.explanation == "read the global print into R3  (print = function print)"
            await press(pilot, app, "s")
            assert listing.result == "R3 := the global print = function print"
            await until(pilot, app, lambda: listing.explanation.startswith("call print"))
            assert listing.explanation.startswith("call print with the values up to the top: 1 argument (2)")
            assert "#" not in listing.explanation  # no handle where 5.1 knows a name
            # the globals: the program defines none here, so the library's come first by name
            globals_ = app.query_one("#globals", RowsPanel).plain_lines()
            assert any(line.split()[:2] == ["print", "print"] for line in globals_), globals_

    asyncio.run(run())


def test_a_coroutine_stack_shows_who_resumed_it(programs: Path) -> None:
    async def run() -> None:
        app = make_app("coroutine.lua")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, app, lambda: "coroutine.lua:3" in app.snapshot.status)
            stack = app.query_one(StackPanel).plain_lines()
            assert stack[:5] == [
                "#0 function worker  coroutine.lua:3  (defined at line 1)",
                "── coroutine co (thread#2), resumed by the main thread ──",
                "#1 field 'resume'  [C]",
                "#2 local 'pump'  coroutine.lua:10  (defined at line 9)",
                "#3 main chunk  coroutine.lua:13",
            ]
            assert not any(" Lua " in line or line.endswith(" Lua") for line in stack)
            assert registers(app)["i"] == "1"
            # a frame of the thread that resumed the coroutine: its panels and its locals
            app.select_frame(2)
            await pilot.pause()
            assert app.snapshot.frame.title.startswith("#2 local 'pump'")
            assert "selected #2 local 'pump'" in app.snapshot.status
            # pump is in its call of coroutine.resume (its locals ok and v come after it)
            assert app.query_one(ListingPanel).explanation == (
                "call resume with 2 arguments (thread#2, 2), keep 2 results in ok, v")
            await press(pilot, app, "e")
            for ch in "co":
                await pilot.press(ch)
            await press(pilot, app, "enter")
            assert app.query_one(EvalBox).last_result == "thread#2 <running>"

    asyncio.run(run())
