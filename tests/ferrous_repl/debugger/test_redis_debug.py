"""``ferrous debug --redis`` as a user drives it: Pilot tests through open_session and
make_redis_app, what the CLI runs. The keyspace panel and the call log follow each step and go
back with the script; EVAL's reply at the end is ``ferrous redis eval``'s and real Redis's."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from ferrous_repl.debugger.cli import main as debug_main
from ferrous_repl.debugger.redis_app import RedisDebuggerApp, make_redis_app
from ferrous_repl.debugger.redis_panels import CallLogPanel, KeyspacePanel, ReplyPanel, compact
from ferrous_repl.debugger.redis_start import open_session
from ferrous_repl.debugger.widgets.output import OutputPanel
from ferrous_repl.redis_cli import main as redis_main
from tests.vm.redis.reference import RawRedis
from vm.redis.resp import decode

SIZE = (140, 45)


@pytest.fixture(scope="module")
def real(redis_url: str) -> Iterator[RawRedis]:
    """The real redis-server (conftest's redis_url), replies as raw bytes."""
    r = RawRedis(redis_url)
    yield r
    r.close()

SCRIPT = b"""local amount = tonumber(ARGV[1])
local from = tonumber(redis.call('GET', KEYS[1]) or '0')
redis.debug('from has', from, 'moving', amount)
redis.call('DECRBY', KEYS[1], amount)
redis.breakpoint()
redis.call('INCRBY', KEYS[2], amount)
redis.call('RPUSH', KEYS[3], KEYS[1] .. '->' .. KEYS[2])
return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2])}
"""
SETUP = b"SET alice 100\nSET bob 5\n"


async def press(pilot, app: RedisDebuggerApp, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()


def keyspace(app: RedisDebuggerApp) -> list[str]:
    return [c.plain for c in app.query_one(KeyspacePanel).lines]


def calls(app: RedisDebuggerApp) -> list[str]:
    return [c.plain for c in app.query_one(CallLogPanel).lines]


def reply_text(app: RedisDebuggerApp) -> str:
    return app.query_one(ReplyPanel).content.plain


def _files(tmp_path: Path) -> tuple[str, str]:
    script = tmp_path / "transfer.lua"
    script.write_bytes(SCRIPT)
    setup = tmp_path / "data.redis"
    setup.write_bytes(SETUP)
    return str(script), str(setup)


def test_step_shows_keyspace_and_calls_and_back_restores_them(tmp_path: Path) -> None:
    script, setup = _files(tmp_path)
    words = ["--setup", setup, script, "alice", "bob", "log", ",", "30"]

    async def run() -> None:
        session, name = open_session(words)
        app = make_redis_app(session, name)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert keyspace(app) == ['  "alice"  string  "100"', '  "bob"  string  "5"']
            assert calls(app) == ["(no redis.call yet)"]
            await press(pilot, app, "n")  # line 1: KEYS/ARGV bound
            assert app.snapshot.frame.line == 2
            await press(pilot, app, "n")  # line 2: the GET
            assert calls(app) == ['* L2 GET "alice"  →  "100"']
            await press(pilot, app, "n", "n")  # redis.debug, then the DECRBY
            assert keyspace(app)[0] == '* "alice"  string  "70"'
            assert calls(app)[-1] == '* L4 DECRBY "alice" "30"  →  (integer) 70'
            assert '<debug> line 3: "from has", 100, "moving", 30' in app.query_one(OutputPanel).text
            await press(pilot, app, "N")  # back over the DECRBY
            assert app.snapshot.frame.line == 4
            assert keyspace(app)[0] == '* "alice"  string  "100"'  # restored, marked as changed
            assert calls(app) == ['  L2 GET "alice"  →  "100"']
            await press(pilot, app, "N")  # back over the debug line: its output goes too
            assert app.snapshot.frame.line == 3
            assert keyspace(app)[0] == '  "alice"  string  "100"'
            assert "<debug>" not in app.query_one(OutputPanel).text
            await press(pilot, app, "c")  # redis.breakpoint() stops
            assert app.snapshot.stop.reason == "breakpoint"
            assert "redis.breakpoint() on line 5" in app.snapshot.status
            assert app.snapshot.frame.line == 6
            assert keyspace(app)[0] == '* "alice"  string  "70"'
            await press(pilot, app, "c")
            assert app.snapshot.done
            assert keyspace(app) == ['  "alice"  string  "70"', '* "bob"  string  "35"',
                                     '* "log"  list  ["alice->bob"]']
            assert [line[2:].split("  →  ")[0] for line in calls(app)] == [
                'L2 GET "alice"', 'L4 DECRBY "alice" "30"', 'L6 INCRBY "bob" "30"',
                'L7 RPUSH "log" "alice->bob"', 'L8 GET "alice"', 'L8 GET "bob"']
            shown.append(reply_text(app))
            await press(pilot, app, "r")  # restart: back to the start, keyspace as set up
            assert keyspace(app) == ['* "alice"  string  "100"', '* "bob"  string  "5"', '* "log"  (deleted)']
            assert calls(app) == ["(no redis.call yet)"]
        session.close()

    shown: list[str] = []
    asyncio.run(run())
    # the reply is ferrous redis eval's for the same files
    out = io.BytesIO()
    assert redis_main(["eval", *words], out, io.BytesIO()) == 0
    assert out.getvalue() == b"70\n35\n"
    assert shown == ['EVAL reply:\n1) "70"\n2) "35"']  # as redis-cli prints it


def test_error_reply_is_real_redis(tmp_path: Path, real: RawRedis) -> None:
    body = b"redis.call('SET', KEYS[1], 'text')\nlocal n = redis.call('INCR', KEYS[1])\nreturn n"
    script = tmp_path / "bad.lua"
    script.write_bytes(body)

    async def run() -> None:
        session, name = open_session([str(script), "dbg:app:bad"])
        app = make_redis_app(session, name)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "c")
            assert app.snapshot.stop.reason == "error"  # stopped where it fails, stack whole
            assert "ERR value is not an integer or out of range" in app.snapshot.status
            assert len(app.snapshot.stack) == 1
            await press(pilot, app, "c")
            assert app.snapshot.done
            expected = decode(real.command(b"EVAL", body, b"1", b"dbg:app:bad"))
            assert reply_text(app) == "EVAL reply: " + compact(expected)
            assert calls(app)[-1].endswith(compact(expected).split(" script: ")[0])  # without the trailer
        session.close()

    asyncio.run(run())


def test_real_server_says_it_is_not_rewound(tmp_path: Path, redis_url: str, real: RawRedis) -> None:
    body = b"return redis.call('INCR', KEYS[1])"
    script = tmp_path / "incr.lua"
    script.write_bytes(body)
    real.command(b"DEL", b"dbg:app:n")

    async def run() -> None:
        session, name = open_session(["--url", redis_url, str(script), "dbg:app:n"])
        app = make_redis_app(session, name)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "not rewound" in reply_text(app)
            await press(pilot, app, "c", "N", "c")  # to the end, back, and to the end again
            assert reply_text(app) == "EVAL reply: (integer) 1"
            assert '  "dbg:app:n"  string  "1"' in keyspace(app)
            await press(pilot, app, "r", "c")  # restart: the reply comes from the log again
            assert reply_text(app) == "EVAL reply: (integer) 1"
            assert app.query_one(KeyspacePanel).border_title.startswith("keyspace  server 127.0.0.1:")
        session.close()
        assert real.command(b"GET", b"dbg:app:n") == b"$1\r\n1\r\n"  # INCR was sent once

    asyncio.run(run())


def test_cli_reports_a_script_that_does_not_compile(tmp_path: Path, capsys, real: RawRedis) -> None:
    body = b"return 1 +"
    script = tmp_path / "broken.lua"
    script.write_bytes(body)
    assert debug_main(["--redis", str(script)]) == 1
    expected = decode(real.command(b"EVAL", body, b"0"))
    assert capsys.readouterr().err == f"ferrous debug --redis: {compact(expected)}\n"
    assert debug_main(["--redis", str(tmp_path / "missing.lua")]) == 1
    assert "Can't open file" in capsys.readouterr().err
