"""``:debug CODE`` inside ``ferrous redis repl``: the code runs as the console runs input (its
session locals, redis.call on the console's keyspace) under the Redis debugger, steps back take
the keyspace back with the program (the embedded keyspace rewound, a real server's replies read
back from the tape), and the console gets its engine back when the debugger closes."""

from __future__ import annotations

import asyncio

from ferrous_repl.debugger.embed import make_code_app
from ferrous_repl.debugger.redis_app import RedisDebuggerApp
from ferrous_repl.debugger.redis_panels import CallLogPanel, KeyspacePanel, ReplyPanel
from ferrous_repl.redis_args import open_keyspace
from tests.ferrous_repl.debugger.test_breakpoints import press
from tests.vm.redis.reference import RawRedis
from vm.redis.console import RedisConsole
from vm.redis.engine import ScriptEngine
from vm.redis.resp import decode

SIZE = (140, 45)
CODE = ("local n = tonumber(redis.call('GET', 'hits') or '0')\n"
        "redis.call('SET', 'hits', n + step)\n"
        "return redis.call('INCR', 'hits')")


def console_on(engine: ScriptEngine) -> RedisConsole:
    engine.command([b"SET", b"hits", b"10"])
    console = RedisConsole(engine)
    console.session.call(console.load(b"local step = 5", b"=stdin"))  # a session local
    return console


def debug_and_check(console: RedisConsole, rewinds: bool) -> None:
    """Step, back, on to the end (and again from the start where the keyspace rewinds)."""
    engine = console.engine
    listener, keyspace = engine.listener, engine.keyspace

    async def run() -> None:
        app = make_code_app(console.session, CODE, redis=console)
        assert isinstance(app, RedisDebuggerApp)
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, app, "n", "n")  # the GET, then the SET
            shown = [c.plain for c in app.query_one(KeyspacePanel).lines]
            assert shown == ['* "hits"  string  "15"']
            await press(pilot, app, "N")  # back over the SET: the call log goes back ...
            assert len(app.query_one(CallLogPanel).lines) == 1
            # ... and the embedded keyspace with it (a server cannot go back: the SET is not
            # sent again on the way forward, its reply read back from the tape)
            row = '* "hits"  string  "10"' if rewinds else '  "hits"  string  "15"'
            assert [c.plain for c in app.query_one(KeyspacePanel).lines] == [row]
            await press(pilot, app, "c")
            assert app.snapshot.done and app.query_one(ReplyPanel).content.plain.endswith("(integer) 16")
            if rewinds:
                await press(pilot, app, "r", "c")  # a restart runs it again from the same keyspace
                assert app.query_one(ReplyPanel).content.plain.endswith("(integer) 16")
            await press(pilot, app, "q")
        app.debugger.close()
        app.redis.detach()
        console.arm()

    asyncio.run(run())
    assert (engine.listener, engine.keyspace) == (listener, keyspace)  # given back
    assert console.command("GET hits") == (b"16", False)  # what the code did stays
    fn = console.load(b"return redis.call('INCR', 'hits') + step", b"=stdin")
    assert console.session.call(fn) == [22]


def test_debug_in_the_redis_repl_on_the_embedded_keyspace() -> None:
    debug_and_check(console_on(ScriptEngine()), rewinds=True)


def test_debug_in_the_redis_repl_on_a_real_server(redis_url: str) -> None:
    raw = RawRedis(redis_url)
    raw.command(b"FLUSHALL")
    engine = ScriptEngine(open_keyspace(redis_url))
    try:
        debug_and_check(console_on(engine), rewinds=False)
    finally:
        engine.close()
    assert decode(raw.command(b"GET", b"hits")) == b"17"  # the server saw each command once
    raw.close()
