"""The debugger as a user drives it: Pilot tests through make_app, the factory the CLI uses.
Expected values come from the panels' own texts, the program's structure, and lua5.1 (error
messages, output)."""

from __future__ import annotations

import asyncio
import re
import subprocess
import threading
from pathlib import Path

from textual import events
from textual.widgets import Input, Static

from ferrous_repl.debugger import DebuggerApp, make_app
from ferrous_repl.debugger.app import COMMANDS
from ferrous_repl.debugger.screens.help import HelpScreen
from ferrous_repl.debugger.widgets.eval_box import EvalBox
from ferrous_repl.debugger.widgets.listing import ListingPanel
from ferrous_repl.debugger.widgets.output import OutputPanel
from ferrous_repl.debugger.widgets.rows import RowsPanel
from ferrous_repl.debugger.widgets.source import SourcePanel
from ferrous_repl.debugger.widgets.stack import StackPanel

SIZE = (120, 40)
INC = "#0 local 'inc'"


async def press(pilot, app: DebuggerApp, *keys: str) -> None:
    """Press keys one at a time, each one's command finished and shown before the next."""
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot, app: DebuggerApp, reached, key: str = "i", limit: int = 100) -> None:
    """Press ``key`` until ``reached()`` holds (failing after ``limit`` presses)."""
    for _ in range(limit):
        if reached():
            return
        await press(pilot, app, key)
    raise AssertionError(f"not reached after {limit} presses of {key!r}: {top(app)}")


def panel(app: DebuggerApp, name: str) -> list[str]:
    return app.query_one(f"#{name}", RowsPanel).plain_lines()


def panels(app: DebuggerApp) -> dict[str, object]:
    """Everything the main screen shows, as text."""
    return {
        "status": app.snapshot.status if app.snapshot else "",
        "source": app.query_one(SourcePanel).plain_lines(),
        "listing": app.query_one(ListingPanel).plain_lines(),
        "explanation": app.query_one(ListingPanel).explanation,
        "stack": app.query_one(StackPanel).plain_lines(),
        **{name: panel(app, name) for name in ("registers", "upvalues", "globals", "constants", "varargs")},
        "output": app.query_one(OutputPanel).text,
    }


def named(app: DebuggerApp, name: str) -> dict[str, str]:
    """A panel's rows by local (or upvalue) name: the value as shown."""
    return {r.name: r.value.plain for r in app.query_one(f"#{name}", RowsPanel).rows if r.name}


def lua51(program: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["lua5.1", program.name], cwd=program.parent, capture_output=True, check=False)


def top(app: DebuggerApp) -> str:
    return app.snapshot.stack[0].text if app.snapshot and app.snapshot.stack else ""


def test_closure_counter_upvalues_open_then_closed_and_shared(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=SIZE) as pilot:
            # into make_counter, then into the inc() it calls while its own frame is live
            await until(pilot, app, lambda: top(app).startswith(INC) and len(app.snapshot.stack) == 3)
            ups = panel(app, "upvalues")
            assert len(ups) == 1 and ups[0].startswith("  U0 count 0")
            # open: the cell is register R0 (local 'count') of make_counter, frame #1
            assert "open: R0 of #1" in ups[0]
            assert app.query_one(StackPanel).plain_lines()[1].startswith("#1 local 'make_counter'")
            # shared with get, created just before in make_counter: its label is in #1's registers
            app.select_frame(1)
            await pilot.pause()
            regs = named(app, "registers")
            assert regs["count"] == "0"
            get_label = re.search(r"function#\d+", regs["get"]).group(0)
            assert f"shared with get ({get_label})" in ups[0]
            app.select_frame(0)
            await pilot.pause()
            # count = count + 1 runs: the register holding the sum is marked as changed
            await press(pilot, app, "s", "s")
            assert any(r.startswith("* R0") and r.split()[2] == "1" for r in panel(app, "registers"))
            await press(pilot, app, "s")  # SETUPVAL
            assert panel(app, "upvalues")[0].startswith("* U0 count 1")
            # back in the main chunk, then into inc() again: make_counter has returned
            await until(pilot, app, lambda: top(app).startswith(INC) and len(app.snapshot.stack) == 2)
            ups = panel(app, "upvalues")
            assert "closed" in ups[0] and "open" not in ups[0]
            assert f"shared with get ({get_label})" in ups[0]
            assert ups[0].split()[2] == "1"
            await press(pilot, app, "c")
            assert app.query_one(OutputPanel).text.encode() == lua51(programs / "counter.lua").stdout
            assert app.snapshot.done

    asyncio.run(run())


def test_an_error_stops_with_the_failing_frame_visible(programs: Path) -> None:
    expected = lua51(programs / "failing.lua")
    message = expected.stderr.decode().splitlines()[0].removeprefix("lua5.1: ")

    async def run() -> None:
        app = make_app("failing.lua")
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "error"
            assert message in app.snapshot.status
            assert top(app).startswith("#0 upvalue 'inner'")
            regs = named(app, "registers")
            assert regs["k"] == '"x"'
            assert regs["t"].startswith("table#") and "x = false" in regs["t"]
            # the source panel shows the failing line as current, marked as an error stop
            current = [line for line in app.query_one(SourcePanel).plain_lines() if "✖" in line]
            assert current and "return t[k].y" in current[0]
            assert app.query_one(OutputPanel).text.encode() == expected.stdout
            # carrying on ends the program with the error
            await press(pilot, app, "c")
            assert app.snapshot.done and app.snapshot.failed

    asyncio.run(run())


def test_back_to_the_start_and_forward_again_shows_the_same_panels(programs: Path) -> None:
    """Every panel after each step forward, back (S) and forward again (s). The keys go in
    bursts, as a held key sends them, and the panels are read as each stop is shown (the app's
    Stopped message): Pilot's press-and-wait for each of the 3 x 30 steps took most of 14 s."""
    engine = make_app("counter.lua").debugger  # how many steps the program takes
    steps = 0
    while not engine.done:
        engine.step_instruction()
        steps += 1
    assert steps > 20
    shown: list[dict[str, object]] = []

    def hook(message) -> None:
        if isinstance(message, DebuggerApp.Stopped):
            shown.append(panels(app))

    async def keys(key: str) -> list[dict[str, object]]:
        """Press key once per step, in bursts; the panels shown at each stop."""
        shown.clear()
        for start in range(0, steps, 10):
            for _ in range(start, min(start + 10, steps)):
                _key(app, key)
            wanted = min(start + 10, steps)
            await _until(lambda n=wanted: len(shown) >= n and not app.busy and not app._waiting,
                         f"{wanted} stops")
        assert len(shown) == steps
        return list(shown)

    async def run() -> None:
        async with app.run_test(size=SIZE, message_hook=hook):
            first = [panels(app)]
            forward = first + await keys("s")
            assert app.snapshot.done
            assert await keys("S") == list(reversed(forward[:-1]))
            assert app.snapshot.position == 0
            assert await keys("s") == forward[1:]

    app = make_app("counter.lua")
    asyncio.run(run())


def _key(app: DebuggerApp, key: str, char: str | None = None) -> None:
    """A key as the terminal sends it. Not Pilot's press: after each key it waits for the
    process to go idle, up to a second, twice; the running program never lets it."""
    event = events.Key(key, char if char is not None else key if len(key) == 1 else None)
    event.set_sender(app)
    app.post_message(event)


async def _until(condition, what: str) -> None:
    """Wait until ``condition()`` holds (a generous upper bound: a failure, not a speed test)."""
    for _ in range(3000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def test_continue_keeps_the_ui_responsive_and_pause_stops_an_infinite_loop(programs: Path) -> None:
    async def run() -> None:
        app = make_app("loop.lua")
        async with app.run_test(size=SIZE) as pilot:
            _key(app, "c")
            status = app.query_one("#status", Static)
            try:
                # the status says it runs (a timer of the UI thread, while the loop holds the engine)
                await _until(lambda: "(p pauses)" in str(status.render()), "the running status")
                assert app.busy
                _key(app, "question_mark", "?")  # the help opens while the loop runs
                await _until(lambda: isinstance(app.screen, HelpScreen), "the help")
                _key(app, "escape")
                _key(app, "p")  # in the same burst: the help has gone when p comes
                await _until(lambda: not app.busy, "the pause")
            finally:
                app.debugger.pause()  # failing, the endless loop must not keep the app from ending
            assert not isinstance(app.screen, HelpScreen)
            assert app.snapshot.stop.reason == "paused"
            assert float(named(app, "registers")["n"]) > 0
            await press(pilot, app, "S")  # and from there it goes back like any other stop
            assert app.snapshot.position == app.debugger.position

    asyncio.run(run())


def test_eval_sees_the_locals_of_a_selected_outer_frame(programs: Path) -> None:
    async def run() -> None:
        app = make_app("nested.lua")
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, app, lambda: "'leaf'" in top(app))
            stack = app.query_one(StackPanel)
            stack.focus()
            await pilot.press("home", "down", "enter")  # the frame of middle, as a user picks it
            await pilot.pause()
            assert app.selected == 1
            assert app.query_one(SourcePanel).border_title.startswith("source  #1 local 'middle'")
            await press(pilot, app, "e")
            for key in "secret * 2":
                await pilot.press(key if key != " " else "space")
            await press(pilot, app, "enter")
            box = app.query_one(EvalBox)
            assert box.last_result == "210"
            assert "[#1] > secret * 2" in box.entries[-1].plain
            # an assignment in that frame changes its local
            for key in "secret=1":
                await pilot.press(key)
            await press(pilot, app, "enter", "escape", "c")
            assert app.query_one(OutputPanel).text == "11\n"

    asyncio.run(run())


def test_an_error_stop_shows_the_failing_instruction_not_the_next_one(programs: Path) -> None:
    message = lua51(programs / "index_nil.lua").stderr.decode().splitlines()[0].removeprefix("lua5.1: ")
    failing_line = int(message.split(":")[1])

    async def run() -> None:
        app = make_app("index_nil.lua")
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "c")
            assert message in app.snapshot.status
            current = [line for line in app.query_one(SourcePanel).plain_lines() if "✖" in line]
            assert current == [line for line in app.query_one(SourcePanel).plain_lines()
                               if line.lstrip(" ●").startswith(f"{failing_line} ")]
            listing = [line for line in app.query_one(ListingPanel).plain_lines() if "✖" in line]
            assert len(listing) == 1 and f"[{failing_line}]" in listing[0] and "GETTABLE" in listing[0]
            assert ".z into x" in app.query_one(ListingPanel).explanation

    asyncio.run(run())


def test_a_key_pressed_while_others_wait_runs_after_them(programs: Path, monkeypatch) -> None:
    """Keys pressed while a step runs wait their turn; the next starts once the last stop is
    drawn. A key that came in that moment (the step ended, the queued ones not yet started)
    ran first: `s s s r` typed fast could end at the third step, not at the start."""
    gate = threading.Event()
    step = COMMANDS["instruction"]

    def held_step(d):  # the first step ends when the test says, so the next keys queue
        gate.wait(timeout=60)
        return step(d)

    monkeypatch.setitem(COMMANDS, "instruction", held_step)
    injected: list[int] = []

    def hook(message) -> None:
        # the first stop drawn, the queued steps not yet started: `r` arrives now
        if isinstance(message, DebuggerApp.Stopped) and gate.is_set() and not injected:
            injected.append(message.snapshot.position)
            app.action_step("restart")

    async def run() -> None:
        async with app.run_test(size=SIZE, message_hook=hook) as pilot:
            await pilot.press("s", "s", "s")  # the first runs (held), two wait
            assert app.busy
            gate.set()
            for _ in range(400):  # until every key's command has run and been drawn
                await app.workers.wait_for_complete()
                await pilot.pause()
                if not app.busy and not app._waiting:
                    break
            assert injected == [1]
            assert app.snapshot.position == 0, "restart ran before the queued steps"

    app = make_app("counter.lua")
    asyncio.run(run())


def test_keys_typed_after_closing_the_help_or_the_heap_in_one_burst_apply(programs: Path) -> None:
    """`? Escape s` typed fast: the help was still on top when `s` came (its own Escape binding
    closed it later), so `s` went to the help and was lost; likewise `h Escape s` on the heap.
    `h q s`: the heap browser focused its lookup box as it came up, before its tree, so `q`
    (which closes the browser when typed slowly) was typed into the box and `s` after it."""
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=SIZE) as pilot:
            for opening, closing in (("question_mark", "escape"), ("question_mark", "question_mark"),
                                     ("question_mark", "q"), ("h", "escape"), ("h", "q"), ("h", "h")):
                position = app.snapshot.position
                for key in (opening, closing, "s"):
                    _key(app, key, "?" if key == "question_mark" else None)
                await _until(lambda p=position: app.snapshot.position == p + 1,
                             f"the step after {opening} {closing}")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert app.screen is app.screen_stack[0]

    asyncio.run(run())


def test_enter_in_the_eval_box_submits_what_was_typed_before_it(programs: Path) -> None:
    """`:break 8` Enter `c` typed fast ran `:break 8c`: the box's Enter ran after the keys
    that followed it had been typed into the box."""
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=SIZE):
            for key in ("colon", *"break", "space", "8", "enter", "x"):
                _key(app, key, {"space": " ", "colon": ":"}.get(key))
            box = app.query_one(EvalBox)
            field = app.query_one("#eval-input", Input)
            await _until(lambda: box.entries and field.value == "x", "the command's result")
            assert "> :break 8\n" in box.entries[-1].plain
            assert "not a line" not in box.entries[-1].plain

    asyncio.run(run())
