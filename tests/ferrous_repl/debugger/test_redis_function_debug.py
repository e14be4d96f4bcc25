"""``ferrous debug --redis --function NAME LIBRARY keys , args`` as a user drives it: Pilot tests
through open_session and make_redis_app (what the CLI runs). A breakpoint set on a line of the
library stops the call there; the keyspace panel and the call log follow each step (scrolled to
what changed, to the newest call) and go back with the call; FCALL's reply at the end is the real
server's, printed as redis-cli prints it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from ferrous_repl.debugger.cli import main as debug_main
from ferrous_repl.debugger.redis_app import make_redis_app
from ferrous_repl.debugger.redis_panels import CallLogPanel, KeyspacePanel
from ferrous_repl.debugger.redis_start import open_session
from ferrous_repl.debugger.widgets.source import SourcePanel
from ferrous_repl.redis_output import format_tty
from tests.ferrous_repl.debugger.test_redis_debug import calls, keyspace, press, reply_text
from tests.vm.redis.reference import RawRedis
from vm.redis.resp import decode

SIZE = (140, 45)


@pytest.fixture(scope="module")
def real(redis_url: str) -> Iterator[RawRedis]:
    r = RawRedis(redis_url)
    yield r
    r.close()

LIBRARY = b"""#!lua name=stock
local function restock(keys, args)
  local n = tonumber(args[1])
  for i = 1, n do
    redis.call('HINCRBY', keys[1], 'item' .. i, i)
  end
  redis.call('RPUSH', keys[2], 'restocked ' .. n)
  return redis.call('HGETALL', keys[1])
end
local function broken(keys)
  redis.call('SET', keys[1], 'text')
  return redis.call('HINCRBY', keys[1], 'f', 1)
end
redis.register_function('restock', restock)
redis.register_function('broken', broken)
redis.register_function{function_name = 'peek', flags = {'no-writes'},
  callback = function(keys) return redis.call('HLEN', keys[1]) end}
"""


def _library(tmp_path: Path) -> str:
    path = tmp_path / "stock.lua"
    path.write_bytes(LIBRARY)
    return str(path)


def _real_fcall(real: RawRedis, *argv: bytes) -> object:
    real.command(b"FUNCTION", b"FLUSH")
    real.command(b"DEL", b"shelf", b"log")
    real.command(b"FUNCTION", b"LOAD", LIBRARY)
    try:
        return decode(real.command(*argv))
    finally:
        real.command(b"FUNCTION", b"FLUSH")
        real.command(b"DEL", b"shelf", b"log")


def test_breakpoint_in_the_library_steps_and_back(tmp_path: Path, real: RawRedis) -> None:
    library = _library(tmp_path)
    expected = _real_fcall(real, b"FCALL", b"restock", b"2", b"shelf", b"log", b"12")

    async def run() -> None:
        session, name = open_session(["--function", "restock", library, "shelf", "log", ",", "12"])
        app = make_redis_app(session, name)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            source = app.query_one(SourcePanel)
            assert source.plain_lines()[0].endswith("#!lua name=stock")  # the file as it is
            assert app.snapshot.frame.line == 3  # paused at the callback's first line
            source.focus()
            await press(pilot, app, "home", *["down"] * 4)  # line 5: the HINCRBY
            await press(pilot, app, "b")
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "breakpoint" and app.snapshot.frame.line == 5
            assert calls(app) == ["(no redis.call yet)"]
            await press(pilot, app, "c")  # once round the loop
            assert app.snapshot.frame.line == 5
            assert calls(app) == ['* L5 HINCRBY "shelf" "item1" "1"  →  (integer) 1']
            assert keyspace(app) == ['* "shelf"  hash  {"item1": "1"}']
            for _ in range(4):  # back, a line at a time, over the HINCRBY: the hash goes too
                await press(pilot, app, "N")
                if len(calls(app)) == 1 and "(no" in calls(app)[0]:
                    break
            assert calls(app) == ["(no redis.call yet)"]
            assert keyspace(app) == ['* "shelf"  (deleted)']
            assert app.snapshot.frame.line == 5
            await press(pilot, app, "b")  # clear the breakpoint, run to the end
            await press(pilot, app, "c")
            assert app.snapshot.done
            assert len(calls(app)) == 14 and calls(app)[-1].startswith("* L8 HGETALL")
            log = app.query_one(CallLogPanel)
            assert log.scroll_y > 0 and log.scroll_y >= log.max_scroll_y  # the newest is in view
            assert reply_text(app) == "FCALL reply:\n" + format_tty(expected).decode().rstrip("\n")
        session.close()

    asyncio.run(run())


def test_error_stop_and_the_real_reply(tmp_path: Path, real: RawRedis) -> None:
    library = _library(tmp_path)
    expected = _real_fcall(real, b"FCALL", b"broken", b"1", b"shelf")

    async def run() -> None:
        session, name = open_session(["--function", "broken", library, "shelf"])
        app = make_redis_app(session, name)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "error"  # where it fails, the stack whole
            assert app.snapshot.frame.line == 12
            assert "WRONGTYPE" in app.snapshot.status
            await press(pilot, app, "c")
            assert app.snapshot.done
            assert reply_text(app) == "FCALL reply: " + format_tty(expected).decode().rstrip("\n")
            assert "script: broken, on @user_function:12." in reply_text(app)
        session.close()

    asyncio.run(run())


def test_keyspace_follows_the_changed_key(tmp_path: Path) -> None:
    setup = tmp_path / "many.redis"
    setup.write_text("".join(f"SET a{i:02} {i}\n" for i in range(40)))
    library = tmp_path / "touch.lua"
    library.write_text("#!lua name=touch\nredis.register_function('touch', function(keys)\n"
                       "  redis.call('SET', keys[1], 'new')\n  return 1\nend)")

    async def run() -> None:
        session, name = open_session(["--setup", str(setup), "--function", "touch", str(library), "z"])
        app = make_redis_app(session, name)
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, app, "n")
            panel = app.query_one(KeyspacePanel)
            assert keyspace(app)[-1] == '* "z"  string  "new"'

            def in_view() -> bool:
                return panel.scroll_y + panel.scrollable_content_region.height >= len(keyspace(app))

            for _ in range(50):  # the scroll follows the layout of the new rows: repaints away
                if in_view():
                    break
                await pilot.pause()
            assert panel.scroll_y > 0 and in_view()  # scrolled down to it, all of it
        session.close()

    asyncio.run(run())


@pytest.mark.parametrize("words, expected", [
    (["--function", "nosuch"], b"FCALL nosuch 0"),
    (["--ro", "--function", "restock"], b"FCALL_RO restock 0"),
])
def test_cli_refusals_are_fcall_replies(tmp_path: Path, capsys, real: RawRedis, words: list[str],
                                        expected: bytes) -> None:
    library = _library(tmp_path)
    reply = _real_fcall(real, *expected.split())
    assert debug_main(["--redis", *words, library]) == 1
    assert capsys.readouterr().err == f"ferrous debug --redis: {format_tty(reply).decode()}"


def test_cli_reports_a_library_that_does_not_load(tmp_path: Path, capsys, real: RawRedis) -> None:
    body = b"#!lua name=bad\nredis.register_function('f', function() end\n"
    library = tmp_path / "bad.lua"
    library.write_bytes(body)
    real.command(b"FUNCTION", b"FLUSH")
    reply = decode(real.command(b"FUNCTION", b"LOAD", body))
    assert debug_main(["--redis", "--function", "f", str(library)]) == 1
    assert capsys.readouterr().err == f"ferrous debug --redis: {format_tty(reply).decode()}"
