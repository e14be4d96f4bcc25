"""The debugger opened from the REPL (``:debug CODE``): the code runs in the REPL's session,
sees its globals, and what it did stays in the session when the debugger closes."""

from __future__ import annotations

import asyncio
import io

from ferrous_repl.debugger.embed import make_code_app
from ferrous_repl.debugger.widgets.output import OutputPanel
from ferrous_repl.debugger.widgets.rows import RowsPanel
from vm.session import Session


def test_debug_code_in_a_session_and_give_it_back() -> None:
    out = io.BytesIO()
    session = Session(out)
    session.call(session.load(b"base = 40", b"=stdin"))
    code = "local step = 2\nbase = base + step\nprint(base)"

    async def run() -> None:
        app = make_code_app(session, code)
        async with app.run_test(size=(100, 30)) as pilot:
            for key in "nn":
                await pilot.press(key)
                await app.workers.wait_for_complete()
                await pilot.pause()
            regs = {r.name: r.value.plain for r in app.query_one("#registers", RowsPanel).rows if r.name}
            assert regs == {"step": "2"}
            assert "base = base + step" in app.query_one("#source").plain_lines()[1]
            await pilot.press("c")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.query_one(OutputPanel).text == "42\n"
            await pilot.press("q")
        app.debugger.close()

    asyncio.run(run())
    assert session.globals.get_str(b"base") == 42.0  # the session keeps what the code did
    session.call(session.load(b"print(base * 2)", b"=stdin"))
    assert out.getvalue() == b"84\n"  # and prints to its own stream again
