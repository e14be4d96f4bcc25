"""Reverse motions, watchpoints and the time-travel queries from the keyboard and the eval box,
driven through make_app with Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from ferrous_repl.debugger import make_app
from ferrous_repl.debugger.widgets.source import SourcePanel
from tests.ferrous_repl.debugger.test_heap_and_keys import named, press, type_text


def test_watch_an_upvalue_forwards_and_backwards_then_last_write_and_created(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            d = app.debugger
            d.toggle_line_breakpoint(4, None)
            await press(pilot, app, "c")  # in inc: count is an upvalue
            d.breakpoints.clear()
            await press(pilot, app, "e")
            await type_text(pilot, ":watch count")
            await press(pilot, app, "enter", "escape", "c")
            assert app.snapshot.stop.reason == "watchpoint" and "count" in app.snapshot.stop.message
            first = app.snapshot.position
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "watchpoint" and app.snapshot.position > first
            await press(pilot, app, "C")  # back to the previous change
            assert app.snapshot.stop.reason == "watchpoint" and app.snapshot.position == first
            await press(pilot, app, "C")  # no earlier change: the start
            assert app.snapshot.position == 0
            await press(pilot, app, "c", "c", "e")
            await type_text(pilot, ":last count")
            await press(pilot, app, "enter")
            assert app.snapshot.stop.reason == "last write" and app.snapshot.frame.line == 4
            assert app.snapshot.position == first + (app.snapshot.position - first)  # a real position
            await type_text(pilot, ":created 1")  # not necessarily a table: any handle
            await press(pilot, app, "enter", "escape")
            assert app.snapshot.stop.reason in ("created", "history")

    asyncio.run(run())


def test_back_over_back_out_and_back_to_the_cursor(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            d = app.debugger
            lines = []
            for _ in range(3):
                await press(pilot, app, "n")
                lines.append(app.snapshot.frame.line)
            assert lines == [14, 15, 16]
            await press(pilot, app, "P")
            assert app.snapshot.frame.line == 15 and app.snapshot.stop.reason == "line"
            await press(pilot, app, "P")
            assert app.snapshot.frame.line == 14
            await press(pilot, app, "i")  # into make_counter
            assert app.snapshot.frame.line == 2 and len(app.snapshot.stack) == 2
            await press(pilot, app, "n", "n", "O")  # back to the call in the main chunk
            assert len(app.snapshot.stack) == 1 and app.snapshot.frame.line == 14
            await press(pilot, app, "c")
            assert d.done
            source = app.query_one(SourcePanel)
            source.focus()
            delta = source.cursor_line - 10
            await press(pilot, app, *(["up"] * delta if delta > 0 else ["down"] * -delta))
            assert source.cursor_line == 10
            await press(pilot, app, "U")  # back to the last time line 10 ran
            assert app.snapshot.frame.line == 10 and named(app).get("count") == "0"
            helptext = " ".join(about for _, _, _, about in __import__(
                "ferrous_repl.debugger.app", fromlist=["KEYS"]).KEYS)
            assert "back to the call of this function" in helptext

    asyncio.run(run())


def test_last_write_and_created_at_from_the_panels(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            d = app.debugger
            d.toggle_line_breakpoint(5, None)
            await press(pilot, app, "c", "c")  # the second inc(): count went 1 -> 2 on line 4
            d.breakpoints.clear()
            here = app.snapshot.position
            ups = app.query_one("#upvalues")
            ups.focus()
            await pilot.pause()
            assert ups.selected().name == "count"
            await press(pilot, app, "w")
            assert app.snapshot.stop.reason == "last write" and app.snapshot.frame.line == 4
            assert here - 5 < app.snapshot.position < here
            await press(pilot, app, "s")  # the write itself: count is 2 now
            assert d.eval(b"count") == [2.0]
            # created at, from the registers of the main chunk: inc is a closure made on line 3
            d.restart()
            await press(pilot, app, "n", "n")  # line 15: inc and get are set
            regs = app.query_one("#registers")
            regs.focus()
            await pilot.pause()
            while regs.selected().name != "inc":
                await press(pilot, app, "down")
            inc = d.handle_in(d.register_place(int(regs.selected().label[1:])))
            await press(pilot, app, "a")
            assert app.snapshot.stop.reason == "created" and app.snapshot.frame.line == 6
            assert "CLOSURE" in app.query_one("#listing").plain_lines()[app.snapshot.frame.pc]
            # and from the heap browser, once the closure exists
            creation = app.snapshot.position
            await press(pilot, app, "s", "h")
            tree = app.screen.query_one("#heap-tree")
            node = next(n for n in tree.root.children
                        if n.data is not None and getattr(n.data, "handle", None) == inc)
            tree.move_cursor(node)
            await pilot.pause()
            await press(pilot, app, "a")
            assert app.snapshot.stop.reason == "created" and app.snapshot.frame.line == 6
            assert app.snapshot.position == creation

    asyncio.run(run())
