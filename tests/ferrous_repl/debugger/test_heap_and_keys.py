"""The heap browser, breakpoints from the keyboard, run to the cursor, and the theme switch,
driven through make_app with Pilot."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from textual.widgets import Input, Tree

from ferrous_repl.debugger import DebuggerApp, make_app
from ferrous_repl.debugger.screens.heap import HeapScreen
from ferrous_repl.debugger.widgets.rows import RowsPanel
from ferrous_repl.debugger.widgets.source import SourcePanel
from ferrous_repl.themes import all_themes


async def press(pilot, app: DebuggerApp, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


def named(app: DebuggerApp) -> dict[str, str]:
    return {r.name: r.value.plain for r in app.query_one("#registers", RowsPanel).rows if r.name}


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press({" ": "space", "#": "number_sign", ":": "colon", "=": "equals_sign"}.get(ch, ch))


def test_heap_browser_lookup_expand_collect_and_stale_handles(programs: Path) -> None:
    async def run() -> None:
        app = make_app("heap.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            while "tmp" not in named(app):  # tmp = {"a", "b"} has run
                await press(pilot, app, "n")
            tmp = re.match(r"table#(\d+)", named(app)["tmp"]).group(1)
            while "f" not in named(app):  # the do block is over: tmp is garbage
                await press(pilot, app, "n")
            keep = re.match(r"table#(\d+)", named(app)["keep"]).group(1)
            await press(pilot, app, "h")
            screen = app.screen
            assert isinstance(screen, HeapScreen)
            tree = screen.query_one("#heap-tree", Tree)
            labels = [str(node.label) for node in tree.root.children]
            # the program's objects first, numbered from 1, named when the program can name them;
            # the libraries' objects folded under the last row
            assert labels[0].startswith("keep (table#1) ") and labels[1].startswith(f"table#{tmp} ")
            assert re.match(r"f \(function#\d+\) +function +defined at heap.lua:6: 3 instructions", labels[2])
            mine, libraries = screen.counts
            assert mine == 3 and labels[3].startswith(f"libraries: {libraries} objects")
            assert len(labels) == 4 and not tree.root.children[3].is_expanded
            # look up a handle as typed: the table and its entries
            await press(pilot, app, "slash")
            await type_text(pilot, f"table#{keep}")
            await press(pilot, app, "enter")
            assert screen.message == f"#{keep}: table#{keep}"
            node = tree.root.children[0]
            assert [str(c.label) for c in node.children] == ["[1] = 10", "[2] = 20", "[3] = 30"]
            # the collector frees tmp; its handle is stale from then on
            await press(pilot, app, "g")
            assert screen.message.startswith("collector freed ") and f"table#{tmp}" in screen.message
            assert screen.counts[0] == mine - 1, "tmp is gone and the collection made nothing new"
            assert sum(screen.counts) < mine + libraries
            lookup = screen.query_one("#heap-lookup", Input)
            lookup.focus()
            lookup.value = tmp
            await press(pilot, app, "enter")
            assert "generation" in screen.message or "no object" in screen.message, screen.message
            with_gen = f"{tmp} gen 0"
            lookup.value = with_gen
            await press(pilot, app, "enter")
            assert "generation" in screen.message, screen.message
            await press(pilot, app, "escape")
            assert not isinstance(app.screen, HeapScreen)
            await press(pilot, app, "c")
            assert app.snapshot.output == "3\ttrue\n"

    asyncio.run(run())


def test_breakpoint_on_the_cursor_line_run_to_cursor_and_themes(programs: Path) -> None:
    async def run() -> None:
        app = make_app("nested.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            source = app.query_one(SourcePanel)
            source.focus()
            await press(pilot, app, "home", "down")  # line 2: local doubled = v * 2
            await press(pilot, app, "b")
            assert any(line.startswith("●") and "local doubled" in line for line in source.plain_lines())
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "breakpoint" and app.snapshot.frame.line == 2
            await press(pilot, app, "b")  # cleared again
            assert not any(line.startswith("●") for line in source.plain_lines())
            await press(pilot, app, "r")
            assert app.snapshot.position == 0
            source.focus()
            await press(pilot, app, "end")  # line 11: print(middle(5)), from the start
            await press(pilot, app, "u")
            assert app.snapshot.frame.line == 11 and len(app.snapshot.stack) == 1
            themes = [app.theme]
            for _ in all_themes():
                await press(pilot, app, "t")
                themes.append(app.theme)
            assert sorted(set(themes)) == sorted(f"ferrous-{name}" for name in all_themes())
            assert themes[0] == themes[-1]

    asyncio.run(run())


def test_conditional_function_and_instruction_breakpoints(programs: Path) -> None:
    async def run() -> None:
        app = make_app("nested.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, app, "e")
            await type_text(pilot, ":break leaf")
            await press(pilot, app, "enter", "escape", "c")
            assert app.snapshot.stop.reason == "breakpoint" and "'leaf'" in app.snapshot.stack[0].text
            assert named(app) == {"v": "5"}
            await press(pilot, app, "e")
            await type_text(pilot, ":clear")
            await press(pilot, app, "enter")
            await type_text(pilot, ":break 8 if x == 5")  # return leaf(x) + secret, in middle
            await press(pilot, app, "enter", "escape", "r", "c")
            assert app.snapshot.stop.reason == "breakpoint" and app.snapshot.frame.line == 8
            assert named(app)["secret"] == "105"
            # an instruction breakpoint: the listing's cursor on the RETURN of middle
            listing = app.query_one("#listing-code")
            listing.focus()
            lines = app.query_one("#listing").plain_lines()
            ret = next(i for i, line in enumerate(lines) if "RETURN" in line)
            await press(pilot, app, "home", *["down"] * ret, "b")
            assert app.query_one("#listing").plain_lines()[ret].startswith("●")
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "breakpoint" and app.snapshot.frame.pc == ret
            assert app.snapshot.stop.breakpoint.pc == ret

    asyncio.run(run())
