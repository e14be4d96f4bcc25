"""``ferrous debug --web`` in a real browser: the command as a user starts it, Debian's
headless Chromium opening the page, keys pressed in the page, and what the page received
(the terminal output its canvas draws) read back. Screenshots are kept in the test's tmp_path."""

from __future__ import annotations

import asyncio
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ferrous_repl.debugger.browser import Browser, Page

STARTUP = 120  # seconds for the server, then a page's own process, to come up on a loaded machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve(programs: Path) -> Iterator:
    """Start ``ferrous debug --web ARGS`` on a free port; yields a function returning its URL."""
    started: list[subprocess.Popen] = []

    def start(*args: str) -> str:
        port = _free_port()
        proc = subprocess.Popen([sys.executable, "-m", "ferrous_repl", "debug", "--web", "--port", str(port),
                                 *args], cwd=programs, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        started.append(proc)
        assert proc.stdout is not None
        said = []
        for line in proc.stdout:  # the command prints the address to open
            said.append(line.decode())
            m = re.match(r"open (http://\S+) in a browser", said[-1])
            if m:
                assert m.group(1) == f"http://127.0.0.1:{port}/", said
                return m.group(1)
        raise AssertionError(f"the server said no address: {''.join(said)}")

    yield start
    for proc in started:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def until_received(page: Page, wanted: str | re.Pattern[str], limit: float = STARTUP) -> str:
    """Wait until the page's websocket has brought ``wanted`` (text, or a pattern to search
    for) in the app's screen as text."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        text = await page.received()
        if (wanted.search(text) is not None) if isinstance(wanted, re.Pattern) else wanted in text:
            return text
        assert loop.time() < deadline, f"{wanted!r} never reached the page; it got {text[-400:]!r}"
        await asyncio.sleep(0.05)


def _steps(text: str) -> set[int]:
    """The step numbers the status line has shown."""
    return {int(n) for n in re.findall(r"·  step (\d+)", text)}


async def focus_terminal(page: Page) -> None:
    """Give the terminal the keyboard, as a click does, without clicking on a panel."""
    await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")


def test_web_page_shows_the_debugger_and_steps_with_keys_each_page_its_own(serve, tmp_path: Path) -> None:
    url = serve("counter.lua")

    async def run() -> None:
        browser = await Browser.open()
        try:
            first = await browser.page(url)
            await until_received(first, "at the start  ·  step 0")
            colours = await first.screenshot(tmp_path / "start.png")
            assert colours > 8, "the page draws nothing"  # a blank page has one or two
            await focus_terminal(first)
            await first.key("s")
            await until_received(first, "step 1")
            await first.key("s")
            await until_received(first, "step 2")
            assert await first.screenshot(tmp_path / "stepped.png") > 8
            # a second browser gets its own debugger, at the start of its own run
            second = await browser.page(url)
            await until_received(second, "at the start  ·  step 0")
            assert "step 1" not in await second.received()
            await focus_terminal(second)
            await second.key("n")
            # (it showed "step 0" already: the wait is for a step of its own)
            stepped = await until_received(second, re.compile(r"·  step [1-9]"))
            assert max(_steps(stepped)) < 3  # its own run's first line, not on from step 2
            assert _steps(await first.received()) == {0, 1, 2}  # the first page did not move
        finally:
            await browser.close()

    asyncio.run(run())


def test_web_without_a_file_is_a_repl_in_the_eval_box(serve, tmp_path: Path) -> None:
    url = serve()

    async def run() -> None:
        browser = await Browser.open()
        try:
            page = await browser.page(url)
            await until_received(page, "empty session")
            await focus_terminal(page)
            for line, shown in (("x = 6 * 7", "(no values)"), ("print(x + 1000)", "1042"),
                                ("x, 'forty-two'", '42, "forty-two"')):
                await page.type(line)
                await until_received(page, line)  # echoed in the eval box's input line
                await page.key("Enter")
                await until_received(page, shown)
            assert await page.screenshot(tmp_path / "repl.png") > 8
        finally:
            await browser.close()

    asyncio.run(run())


def test_web_refuses_a_file_that_does_not_load(programs: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.lua"
    bad.write_text("x = = 1\n")
    done = subprocess.run([sys.executable, "-m", "ferrous_repl", "debug", "--web", str(bad)],
                          capture_output=True, text=True, timeout=STARTUP)
    theirs = subprocess.run(["luac5.1", "-p", str(bad)], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr == "ferrous debug: " + theirs.stderr.removeprefix("luac5.1: ")
