"""A Redis script under the step debugger (vm/redis/debugsession.py): stepped to the end it gives
EVAL's reply (real Redis's, and ``ferrous redis eval``'s); going back undoes its writes in the
embedded keyspace and going forward redoes them; redis.breakpoint() stops; the call log holds
each command and its reply; against a real server replays do not send commands again."""

from __future__ import annotations

import io
import itertools

import pytest

from ferrous_repl.redis_cli import main as redis_main
from ferrous_repl.redis_output import format_raw
from tests.vm.redis.reference import RawRedis
from vm.redis.debugsession import RedisDebugSession, ScriptLoadError
from vm.redis.engine import ScriptEngine
from vm.redis.keyspace import open_keyspace
from vm.redis.reply import ErrorReply, Status
from vm.redis.resp import encode

_names = itertools.count()

SCRIPTS = [
    b"redis.call('SET', KEYS[1], ARGV[1])\nlocal v = redis.call('GET', KEYS[1])\n"
    b"redis.call('RPUSH', KEYS[2], v, 'b', 3)\nreturn {v, redis.call('LRANGE', KEYS[2], 0, -1), 1.5}",
    b"local n = 0\nfor i = 1, 30 do\n  n = n + redis.call('INCRBY', KEYS[1], i)\nend\nreturn n",
    b"redis.call('SET', KEYS[1], 'x')\nreturn redis.call('INCR', KEYS[1])",  # an error reply raised
    b"local t = {}\nreturn t.x.y",  # a runtime error
    b"redis.call('SET', KEYS[1], 'x')\nerror({err='MYERR custom'})",  # an uncaught error table
    b"return redis.pcall('HSET', KEYS[1])",  # a refusal (arity) as a value
    b"redis.setresp(3)\nredis.call('HSET', KEYS[1], 'f', 'v')\nreturn redis.call('HGETALL', KEYS[1])",
    b"return {math.random(1000), math.random(1000), redis.sha1hex(ARGV[1])}",
    b"#!lua flags=no-writes\nreturn redis.pcall('SET', KEYS[1], 'v')",
]


def _keys(n: int = 2) -> list[bytes]:
    k = next(_names)
    return [b"dbg:%d:%d" % (k, i) for i in range(n)]


def _stepped(session: RedisDebugSession) -> object:
    """Step line by line (into calls) to the end, as a user pressing a key would."""
    d = session.debugger
    for _ in range(10_000):
        if d.done:
            break
        d.step_into()
    assert d.done
    return session.reply()


@pytest.mark.parametrize("body", SCRIPTS)
def test_stepped_to_the_end_gives_evals_reply(body: bytes, real: RawRedis, tmp_path) -> None:
    keys = _keys()
    args = [b"hello"]
    session = RedisDebugSession(ScriptEngine(), body, keys, args)
    reply = _stepped(session)
    expected = real.command(b"EVAL", body, str(len(keys)).encode(), *keys, *args)
    assert encode(reply, 2) == expected
    # ferrous redis eval on the same script, keys and arguments prints the same reply
    script = tmp_path / "s.lua"
    script.write_bytes(body)
    out, err = io.BytesIO(), io.BytesIO()
    words = [*[k.decode() for k in keys], ",", "hello"]
    assert redis_main(["eval", "--raw", str(script), *words], out, err) == 0
    assert out.getvalue() == format_raw(reply)


def test_back_over_set_undoes_it_and_forward_redoes_it() -> None:
    k = _keys(1)[0]
    body = b"local before = redis.call('GET', KEYS[1])\nredis.call('SET', KEYS[1], ARGV[1])\n" \
           b"redis.call('DEL', KEYS[1] .. ':gone')\nreturn before"
    engine = ScriptEngine()
    engine.command([b"SET", k, b"old"])
    engine.command([b"SET", k + b":gone", b"here"])
    session = RedisDebugSession(engine, body, [k], [b"new"])
    d = session.debugger
    ks = session.keyspace
    d.step_line()  # line 1 ran
    at_line2 = d.position
    d.step_line()  # line 2: the SET ran
    assert ks.execute([b"GET", k]) == b"new"
    assert [c.argv for c in session.calls()] == [(b"GET", k), (b"SET", k, b"new")]
    assert session.view().changed == frozenset({k})
    d.step_back_line()  # back to line 2, before the SET
    assert d.position == at_line2
    assert ks.execute([b"GET", k]) == b"old"
    assert [c.argv for c in session.calls()] == [(b"GET", k)]
    assert session.view().changed == frozenset({k})
    d.step_line()  # forward again: the SET again
    assert ks.execute([b"GET", k]) == b"new"
    assert d.continue_().reason == "done"
    assert ks.execute([b"GET", k + b":gone"]) is None
    assert session.reply() == b"old"
    d.goto(0)  # all the way back: everything as before the script
    assert ks.execute([b"GET", k]) == b"old"
    assert ks.execute([b"GET", k + b":gone"]) == b"here"
    assert session.calls() == ()
    assert session.reply() is None
    assert d.continue_().reason == "done"
    assert session.reply() == b"old"
    assert ks.execute([b"GET", k]) == b"new"


def test_back_inside_a_long_loop_restores_from_checkpoints() -> None:
    """Far from the start (past whatever checkpoints were taken on the way) going back still puts
    the keyspace at the value of that moment: replays re-run the INCRs on the restored copy."""
    body = b"for i = 1, 3000 do\n  redis.call('INCR', KEYS[1])\nend\nreturn redis.call('GET', KEYS[1])"
    k = _keys(1)[0]
    session = RedisDebugSession(ScriptEngine(), body, [k], [])
    d = session.debugger
    assert d.continue_().reason == "done"
    assert session.reply() == b"3000"
    for _ in range(5):
        d.step_back_line()
    n = len(session.calls())
    assert session.keyspace.execute([b"GET", k]) == str(n).encode()
    d.goto(d.position // 2)
    n = len(session.calls())
    assert 0 < n < 3000
    assert session.keyspace.execute([b"GET", k]) == str(n).encode()
    assert session.calls()[-1].reply == n


def test_breakpoint_stops_there_and_debug_writes_output() -> None:
    body = b"local x = 1\nredis.debug('x is', x, {1, 2, k='v'})\nredis.breakpoint()\nx = 2\n" \
           b"for i = 1, 100000 do end\nredis.breakpoint()\nreturn x"
    session = RedisDebugSession(ScriptEngine(), body, [], [])
    d = session.debugger
    stop = d.continue_()
    assert stop.reason == "breakpoint"
    assert "redis.breakpoint()" in stop.message and "line 3" in stop.message
    assert d.frames()[0].line == 4  # stopped right after the call: line 4 runs next
    assert b'<debug> line 2: "x is", 1, {1; 2; ["k"]="v"}' in d.output_text()
    stop = d.continue_()
    assert stop.reason == "breakpoint" and "line 6" in stop.message
    assert d.continue_().reason == "done"
    assert session.reply() == 2
    d.step_back_line()  # going back takes the output back as well
    d.goto(0)
    assert d.output_text() == b""


def test_call_log_has_argv_reply_line_and_raised() -> None:
    body = b"redis.call('SET', KEYS[1], 10)\nlocal ok = redis.pcall('LPUSH', KEYS[1], 'x')\n" \
           b"return redis.call('INCRBY', KEYS[1], 'oops')"
    k = _keys(1)[0]
    session = RedisDebugSession(ScriptEngine(), body, [k], [])
    session.run_to_end()
    calls = session.calls()
    assert [c.argv for c in calls] == [(b"SET", k, b"10"), (b"LPUSH", k, b"x"), (b"INCRBY", k, b"oops")]
    assert [c.line for c in calls] == [1, 2, 3]
    assert calls[0].reply == Status(b"OK") and not calls[0].raised
    assert calls[1].reply.__class__ is ErrorReply and b"WRONGTYPE" in calls[1].reply.text
    assert not calls[1].raised
    assert calls[2].reply.__class__ is ErrorReply and calls[2].raised
    view = session.view()
    assert view.calls == calls and view.done


def test_compile_error_is_evals_reply(real: RawRedis) -> None:
    body = b"return 1 +"
    with pytest.raises(ScriptLoadError) as info:
        RedisDebugSession(ScriptEngine(), body, [], [])
    assert encode(info.value.reply, 2) == real.command(b"EVAL", body, b"0")


def test_real_server_replays_from_the_log(redis_url: str, real: RawRedis) -> None:
    """With --url the server is not rewound: stepping back and forward again does not send the
    INCR again (the replay reads its reply from the log), and the reply is the server's."""
    k = _keys(1)[0]
    body = b"local a = redis.call('INCR', KEYS[1])\nlocal b = redis.call('INCR', KEYS[1])\nreturn {a, b}"
    session = RedisDebugSession(ScriptEngine(open_keyspace(redis_url)), body, [k], [])
    assert not session.rewinds
    d = session.debugger
    d.step_line()
    d.step_line()
    assert real.command(b"GET", k) == b"$1\r\n2\r\n"
    d.step_back_line()
    d.step_back_line()
    assert [c.reply for c in session.calls()] == []
    assert d.continue_().reason == "done"
    assert session.reply() == [1, 2]
    assert real.command(b"GET", k) == b"$1\r\n2\r\n"  # not incremented again
    assert [c.reply for c in session.calls()] == [1, 2]
    assert {kv.key for kv in session.view().keys} >= {k}
    session.close()


LIBRARY = (b"#!lua name=dbglib\n"
           b"local total = 0\n"
           b"redis.register_function('add', function(keys, args)\n"
           b"  total = total + tonumber(args[1])\n"
           b"  redis.call('INCRBY', keys[1], args[1])\n"
           b"  return {total, redis.call('GET', keys[1])}\n"
           b"end)\n"
           b"redis.register_function('fail', function(keys) return redis.call('INCR', keys[1], 'x') end)\n"
           b"redis.register_function{function_name='ro', flags={'no-writes'},\n"
           b"  callback=function(keys) return redis.pcall('SET', keys[1], 'v') end}\n")


@pytest.mark.parametrize("name, ro", [(b"add", False), (b"fail", False), (b"ro", True), (b"ro", False)])
def test_function_stepped_to_the_end_gives_fcalls_reply(name: bytes, ro: bool, real: RawRedis) -> None:
    """RedisDebugSession.function (what `ferrous debug --redis --function` and a debug adapter
    use): stepped to the end, the reply of FCALL on the real server and of the engine."""
    keys = _keys(1)
    args = [b"7"]
    session = RedisDebugSession.function(ScriptEngine(), LIBRARY, name, keys, args, ro=ro)
    assert session.chunkname == b"@user_function" and session.source == LIBRARY
    reply = _stepped(session)
    real.command(b"FUNCTION", b"FLUSH")
    real.command(b"FUNCTION", b"LOAD", LIBRARY)
    expected = real.command(b"FCALL_RO" if ro else b"FCALL", name, b"1", *keys, *args)
    real.command(b"FUNCTION", b"FLUSH")
    assert encode(reply) == expected
    fresh = ScriptEngine()
    fresh.function_load(LIBRARY)
    real.command(b"DEL", *keys)
    assert encode(fresh.fcall(name, keys, args, ro=ro)) == expected


def test_function_going_back_undoes_writes_and_library_state() -> None:
    """Back to the start: the keyspace and the library's upvalue (total) are as before."""
    engine = ScriptEngine()
    session = RedisDebugSession.function(engine, LIBRARY, b"add", [b"k"], [b"5"])
    assert session.run_to_end() == [5, b"5"]
    d = session.debugger
    d.goto(0)
    assert session.read_keys()[0] == ()
    assert session.run_to_end() == [5, b"5"]  # not 10: total went back too


@pytest.mark.parametrize("library, name, ro, text", [
    (b"#!lua name=x\nreturn +", b"f", False, b"ERR Error compiling function: user_function:2: "
                                             b"unexpected symbol near '+'"),
    (LIBRARY, b"nosuch", False, b"ERR Function not found"),
    (LIBRARY, b"add", True, b"ERR Can not execute a script with write flag using *_ro command."),
])
def test_function_that_cannot_start(library: bytes, name: bytes, ro: bool, text: bytes) -> None:
    with pytest.raises(ScriptLoadError) as failure:
        RedisDebugSession.function(ScriptEngine(), library, name, [], [], ro=ro)
    assert failure.value.reply == ErrorReply(text)
