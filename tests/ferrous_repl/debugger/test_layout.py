"""The screen as a teacher puts it in front of a class: what the footer, the eval box, the
registers, an error stop, a selected outer frame and the end look like, Ctrl-C, and the
high-contrast theme's colours read off a real screenshot. Pilot tests through make_app."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from textual.widgets import Footer, Static

from ferrous_repl.debugger import DebuggerApp, make_app
from ferrous_repl.debugger.widgets.code import CodeView
from ferrous_repl.debugger.widgets.listing import ListingPanel
from ferrous_repl.debugger.widgets.rows import RowsPanel
from ferrous_repl.debugger.widgets.source import SourcePanel


async def press(pilot, app: DebuggerApp, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


def footer_keys(app: DebuggerApp) -> list[tuple[str, int]]:
    """The keys the footer shows, with the column each ends at."""
    footer = app.query_one(Footer)
    out = []
    for key in footer.query("FooterKey"):
        out.append((key.key_display if hasattr(key, "key_display") else str(key.key),
                    key.region.right))
    return out


def test_footer_shows_the_help_and_quit_keys_first_at_any_width(programs: Path) -> None:
    async def run(size: tuple[int, int]) -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.pause(0.2)
            keys = footer_keys(app)
            assert [k for k, _ in keys[:3]] == ["?", "q", "s"], keys
            assert all(right <= size[0] for _, right in keys[:8])  # on screen, not cut off
            text = app.export_screenshot()
            assert "^p" not in text and "palette" not in text

    asyncio.run(run((120, 40)))
    asyncio.run(run((80, 24)))


def test_eval_box_is_one_line_until_used_and_nil_registers_fold(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            log = app.query_one("#eval-log")
            assert not log.display and app.query_one("#eval").outer_size.height == 2  # rule + input
            rows = app.query_one("#registers", RowsPanel).plain_lines()
            assert rows == ["  R0..R4 nil"]
            await press(pilot, app, "s", "s")
            rows = app.query_one("#registers", RowsPanel).plain_lines()
            assert rows[0].startswith("  R0 make_counter function#1") and rows[-1] == "  R2..R4 nil"
            await press(pilot, app, "e")
            for ch in "1+1":
                await pilot.press({"+": "plus"}.get(ch, ch))
            await press(pilot, app, "enter")
            assert log.display and app.query_one("#eval").outer_size.height > 2

    asyncio.run(run())


def test_error_stop_is_marked_on_the_line_itself(programs: Path) -> None:
    async def run() -> None:
        app = make_app("failing.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "error"
            marked = [line.strip() for line in app.query_one(SourcePanel).plain_lines() if "✖" in line]
            assert marked == ["3 ✖  return t[k].y"]
            assert any("✖" in line for line in app.query_one(ListingPanel).plain_lines())
            app.select_frame(1)  # the frame that called it is not the failing one
            await pilot.pause()
            assert not any("✖" in line for line in app.query_one(SourcePanel).plain_lines())

    asyncio.run(run())


def test_selecting_an_outer_frame_shows_its_pc_and_the_status_names_it(programs: Path) -> None:
    async def run() -> None:
        app = make_app("nested.lua")
        async with app.run_test(size=(80, 24)) as pilot:
            while len(app.snapshot.stack) < 3:
                await press(pilot, app, "i")
            outer = len(app.snapshot.stack) - 1  # the main chunk
            app.select_frame(outer)
            await pilot.pause()
            code = app.query_one("#listing-code", CodeView)
            pc = app.snapshot.frame.pc
            assert code.current == pc
            top = code.scroll_offset.y
            assert top <= pc < top + code.scrollable_content_region.height, "the pc is scrolled into view"
            assert f"selected #{outer} main chunk" in app.snapshot.status
            assert "selected" in str(app.query_one("#status", Static).render())

    asyncio.run(run())


def test_finished_says_the_exit_status(programs: Path) -> None:
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, app, "c")
            assert app.snapshot.status.startswith("finished (status 0)")
            header = str(app.query_one("#listing-header", Static).render())
            assert header.startswith("finished (status 0)") and "library function" not in header
        failing = make_app("failing.lua")
        async with failing.run_test(size=(120, 40)) as pilot:
            await press(pilot, failing, "c", "c")
            assert failing.snapshot.status.startswith("finished with an error (status 1): failing.lua:3:")

    asyncio.run(run())


def test_ctrl_c_pauses_a_running_program_and_does_not_quit(programs: Path) -> None:
    async def run() -> None:
        app = make_app("loop.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("c")
            for _ in range(50):  # running: the worker is busy
                await pilot.pause(0.05)
                if app.busy:
                    break
            assert app.busy
            await pilot.press("ctrl+c")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.snapshot.stop.reason == "paused" and app.is_running
            await pilot.press("ctrl+c")  # nothing running: a notice, the app stays
            await pilot.pause()
            assert app.is_running

    asyncio.run(run())


GREY = 24  # channels closer than this are a grey ...
DARKEST, LIGHTEST = 0x30, 0xF0  # ... between near-black and near-white


def _grey(colour: str) -> bool:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return max(r, g, b) - min(r, g, b) < GREY and DARKEST < max(r, g, b) < LIGHTEST


def test_high_contrast_theme_has_no_grey_text_on_the_screenshot(programs: Path) -> None:
    """Every glyph of text on an error stop (source with comments, bytecode, tabs, placeholder,
    footer) in a colour that is not a grey; box-drawing rules are not text."""
    async def run() -> str:
        app = make_app("failing.lua", theme="high-contrast")
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, app, "c")
            return app.export_screenshot()

    svg = asyncio.run(run())
    fills = dict(re.findall(r"\.(terminal-\d+-r\d+) \{ fill: (#[0-9a-fA-F]{6})", svg))
    seen = set()
    for cls, text in re.findall(r'<text class="(terminal-\d+-r\d+)"[^>]*>([^<]*)</text>', svg):
        glyphs = text.replace("&#160;", " ").strip()
        if not glyphs or all("\u2500" <= ch <= "\u259f" for ch in glyphs):
            continue
        seen.add(fills[cls].lower())
        assert not _grey(fills[cls]), f"grey text {fills[cls]}: {glyphs!r}"
    assert len(seen) >= 6  # the theme's colours were really read (not an empty screenshot)


def test_keys_pressed_while_a_step_runs_wait_their_turn(programs: Path) -> None:
    """A fast typist's burst of keys (tmux send-keys, a held key) makes as many steps."""
    async def run() -> None:
        app = make_app("nested.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(5):
                await pilot.press("s")  # no waiting for the worker in between
            for _ in range(200):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if not app.busy and app.snapshot.position == 5:
                    break
            assert app.snapshot.position == 5 and app.debugger.position == 5

    asyncio.run(run())


def test_a_burst_after_e_or_colon_goes_into_the_eval_box(programs: Path) -> None:
    """`e` then a command in one burst (tmux send-keys, a paste): every key after `e` lands in the
    eval box, none runs as a debugger key (`b` toggling a breakpoint, `s` stepping); `:` starts
    the command itself; Escape then `s` in one burst leaves the box and steps."""
    from textual import events
    from textual.keys import _character_to_key

    def press(app: DebuggerApp, key: str, char: str | None) -> None:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)  # as the terminal driver does, without Pilot's waits

    def burst(app: DebuggerApp, text: str) -> None:
        for ch in text:  # queued together, before any of them is handled
            press(app, _character_to_key(ch) if not ch.isalnum() else ch, ch)

    async def run() -> None:
        app = make_app("nested.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            box = app.query_one("#eval-input")
            start = app.snapshot.position
            burst(app, "e:break 3 if x == 1")
            await pilot.pause()
            assert box.value == ":break 3 if x == 1"
            assert app.snapshot.position == start and not app.debugger.breakpoints
            box.value = ""
            press(app, "escape", None)
            burst(app, ":log 3")
            await pilot.pause()
            assert box.value == ":log 3" and app.snapshot.position == start
            press(app, "escape", None)
            burst(app, "s")
            for _ in range(100):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if not app.busy and app.snapshot.position != start:
                    break
            assert box.value == ":log 3" and app.snapshot.position == start + 1

    asyncio.run(run())


def test_the_layout_follows_the_terminal_down_to_small_and_back(programs: Path) -> None:
    """Resized to 20x5 and back to 120x40, the debugger kept its small-terminal layout (the
    two columns halves of the width, the bytecode panel 8 lines): its resize handler read the
    app's size before Textual had updated it, the size of the resize before."""
    async def run() -> None:
        app = make_app("counter.lua")
        async with app.run_test(size=(120, 40)) as pilot:
            assert not app.has_class("small")
            for width, height, small in ((20, 5, True), (120, 40, False), (90, 40, True),
                                         (120, 40, False), (120, 20, True), (120, 40, False)):
                await pilot.resize_terminal(width, height)
                for _ in range(200):  # the resize reaches the screen after a short timer
                    await pilot.pause()
                    if app.has_class("small") == small and app.screen.size == (width, height):
                        break
                assert app.has_class("small") == small, (width, height)

    asyncio.run(run())
