"""`ferrous redis repl`: Lua typed at the REPL runs in Redis's scripting environment and
`:redis` sends raw commands. Values are compared with a real Redis server (EVAL for Lua,
redis-cli for commands) run on the same data."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import redis

from ferrous_repl.redis_cli import main as redis_main

SETUP = b"SET greeting hello\nRPUSH queue a b c\nHSET user name ada age 36\n"
# expressions whose value, encoded by cjson, both sides must give alike
EXPRESSIONS = [
    "cjson.encode(redis.call('LRANGE', 'queue', 0, -1))",
    "cjson.encode({redis.call('HGET', 'user', 'name'), redis.call('HGET', 'user', 'age')})",
    "redis.pcall('INCR', 'greeting').err",
    "cjson.encode({redis.call('EXISTS', 'greeting', 'nothing'), redis.call('TYPE', 'queue')})",
    "redis.sha1hex('ferrous')",
    "cjson.encode({bit.band(0xff, 0x0f), struct.pack('>I2', 513)})",
]
COMMANDS = ["GET greeting", "LRANGE queue 0 -1", "HGETALL user", "INCR greeting", "TTL nothing",
            "EXISTS greeting queue"]


def _piped(tmp_path, lines: list[str], url: str | None = None) -> str:
    """The piped REPL on the embedded keyspace loaded with SETUP, or on the server at url
    (loaded by _reference)."""
    setup = tmp_path / "setup.redis"
    setup.write_bytes(SETUP)
    extra = ["--url", url] if url else ["--setup", str(setup)]
    out = io.BytesIO()
    err = io.BytesIO()
    stdin = io.BytesIO("\n".join(lines).encode() + b"\n")
    old = sys.stdin
    sys.stdin = io.TextIOWrapper(stdin)
    try:
        status = redis_main(["repl", *extra], out, err)
    finally:
        sys.stdin = old
    assert status == 0, err.getvalue()
    return out.getvalue().decode()


def _reference(redis_url: str) -> redis.Redis:
    r = redis.Redis.from_url(redis_url, socket_timeout=None)  # no 5 s limit on a loaded machine
    r.flushdb()
    for line in SETUP.decode().splitlines():
        r.execute_command(*line.split())
    return r


def test_lua_input_sees_the_redis_environment_like_eval(tmp_path, redis_url: str) -> None:
    from lupa import lua51

    r = _reference(redis_url)
    expected = [r.eval(f"return {expr}", 0) for expr in EXPRESSIONS]  # every one is a string
    read = lua51.LuaRuntime(encoding=None)  # the REPL shows Lua values as Lua source: read them back
    lines = _piped(tmp_path, EXPRESSIONS).splitlines()
    got = [read.eval(line[len("-- Lua: "):]) for line in lines if line.startswith("-- Lua: ")]
    assert got == expected


def _cli(redis_url: str, *args: str) -> str:
    url = urlparse(redis_url)
    cli = shutil.which("redis-cli")
    assert cli is not None, "redis-cli is not installed (apt-get install redis-server)"
    done = subprocess.run([cli, "-h", url.hostname, "-p", str(url.port), "--no-raw", *args],
                          capture_output=True, check=True)
    return done.stdout.decode().rstrip("\n")


# expressions whose reply the REPL shows as redis-cli shows EVAL's reply for `return <expr>`
REPLIES = ["redis.call('SET', 'k', 'v')", "redis.call('GET', 'nothing')",
           "redis.call('LRANGE', 'queue', 0, -1)",
           "{1, 2.5, 'x', {true, false}, {ok = 'S'}}", "redis.pcall('INCR', 'greeting')", "nil", "3.99",
           "redis.status_reply('FINE')", "redis.call('HGETALL', 'user')", "{}"]


class _Recorder:
    width = 80

    def __init__(self) -> None:
        self.shown: list[str] = []

    def show(self, frags: list) -> None:
        self.shown.append("".join(text for _style, text in frags))


def _shell(setup: bytes = SETUP):
    """A Shell in Redis mode on the embedded keyspace (as `ferrous redis repl` makes it), with a
    console recording what each input shows."""
    from ferrous_repl.redis_repl import attach
    from ferrous_repl.repl.output import TrackingWriter
    from ferrous_repl.repl.shell import Shell
    from ferrous_repl.themes import find_theme
    from vm.redis.console import RedisConsole
    from vm.redis.engine import ScriptEngine

    engine = ScriptEngine()
    for line in setup.decode().splitlines():
        engine.command([w.encode() for w in line.split()])
    console = RedisConsole(engine)
    recorder = _Recorder()
    shell = Shell(console.session, recorder, TrackingWriter(io.BytesIO()), find_theme("dark"),
                  console.reset)
    attach(shell, console)
    return shell, recorder


def test_values_are_shown_as_replies_then_as_lua_values(redis_url: str) -> None:
    _reference(redis_url)
    expected = [_cli(redis_url, "EVAL", f"return {expr}", "0") for expr in REPLIES]
    shell, recorder = _shell()
    for expr in REPLIES:
        shell.execute(expr)
    replies = [shown.split("\n-- Lua:")[0] for shown in recorder.shown]
    assert replies == expected
    assert recorder.shown[0] == 'OK\n-- Lua: table#0 { ok = "OK" }'  # SET's reply is a table in Lua
    assert recorder.shown[1] == "(nil)\n-- Lua: false"  # a nil reply is false in Lua


def test_errors_are_shown_as_error_replies(tmp_path, redis_url: str) -> None:
    """A failing redis.call ends the input as EVAL would end: redis-cli's (error) line (without
    the trailer naming a script), then the traceback; the session goes on."""
    _reference(redis_url)
    inputs = ["redis.call('INCR', 'queue')", "redis.call('nosuch')", "error({err = 'MY custom'})",
              "nonexistent_name"]
    expected = [_cli(redis_url, "EVAL", f"return {inp}", "0").split(" script: ")[0]
                .replace("user_script", "stdin") for inp in inputs]
    out = _piped(tmp_path, [*inputs, "redis.call('GET', 'greeting')"])
    errors = [line for line in out.splitlines() if line.startswith("(error) ")]
    assert errors == expected
    assert "table#" not in out.split('"hello"')[0]  # no error table printed as a Lua value
    assert "stack traceback:" in out and out.rstrip().endswith('-- Lua: "hello"')


def test_session_locals(tmp_path) -> None:
    out = _piped(tmp_path, ["local n = redis.call('INCR', 'counter')", "n", "n = n + 10", "n",
                            "local function twice(x) return 2 * x end", "twice(n)",
                            "local a, b", "a", "do local inner = 1 end", "inner", "other = 1",
                            ":locals", ":reset", "n"])
    lines = out.splitlines()
    assert lines[0:2] == ["(integer) 1", "-- Lua: 1"]
    assert lines[2:4] == ["(integer) 11", "-- Lua: 11"]
    assert lines[4:6] == ["(integer) 22", "-- Lua: 22"]
    assert lines[6:8] == ["(nil)", "-- Lua: nil"]  # declared without a value: nil, not an error
    assert lines[8] == "(error) ERR stdin:1: Script attempted to access nonexistent global variable 'inner'"
    assert "(error) ERR stdin:1: Attempt to modify a readonly table" in lines  # not a session local
    assert "n = 11" in lines and any(line.startswith("twice = function#") for line in lines)
    # after :reset, n is gone (the traceback under the error: the protecting __index as '[C]: ?')
    after_reset = lines[lines.index("fresh session: globals reset") + 1:]
    assert after_reset[0] == "(error) ERR stdin:1: Script attempted to access nonexistent global variable 'n'"


def test_help_says_locals_stay(tmp_path) -> None:
    out = _piped(tmp_path, [":help"])
    assert "Top-level locals are session locals: later inputs see them" in out
    assert "globals stay (as in lua5.1)" not in out
    assert ":fcall NAME [key ...] [, arg ...]" in out and ":function load FILE" in out


LIBRARY = (b"#!lua name=repllib\nredis.register_function('add', function(keys, args)\n"
           b"  return redis.call('INCRBY', keys[1], args[1])\nend)\n"
           b"redis.register_function('boom', function()\n"
           b"  redis.call('SET', 'boomkey', 'x') return redis.call('LPUSH', 'boomkey', 'x') end)\n")


def test_function_load_and_fcall_print_as_redis_cli(tmp_path, redis_url: str) -> None:
    r = _reference(redis_url)
    r.function_flush()  # the server is shared: other tests' libraries count in FUNCTION STATS
    r.function_load(LIBRARY.decode(), replace=True)
    add = ("FCALL", "add", "1", "total", "5")
    expected = [_cli(redis_url, *add), _cli(redis_url, *add),
                _cli(redis_url, "FCALL", "boom", "0"), _cli(redis_url, "FCALL", "nosuch", "0"),
                _cli(redis_url, "FUNCTION", "STATS")]
    r.function_flush()
    library = tmp_path / "lib.lua"
    library.write_bytes(LIBRARY)
    out = _piped(tmp_path, [f":function load {library}", ":fcall add total , 5", ":fcall add total , 5",
                            ":fcall boom", ":fcall nosuch", ":function stats",
                            f":function load {tmp_path / 'missing.lua'}"])
    assert out.splitlines()[0] == '"repllib"'
    assert "\n".join(out.splitlines()[1:-1]) == "\n".join(expected)
    assert out.splitlines()[-1].startswith("cannot read ")


def test_raw_commands_print_as_redis_cli_prints_them(tmp_path, redis_url: str) -> None:
    _reference(redis_url)
    url = urlparse(redis_url)
    cli = shutil.which("redis-cli")
    assert cli is not None, "redis-cli is not installed (apt-get install redis-server)"
    expected = []
    for cmd in COMMANDS:
        done = subprocess.run([cli, "-h", url.hostname, "-p", str(url.port), "--no-raw", *cmd.split()],
                              capture_output=True, check=True)
        expected.append(done.stdout.decode().rstrip("\n"))
    got = _piped(tmp_path, [f":redis {c}" for c in COMMANDS])
    assert got.rstrip("\n") == "\n".join(expected)
    # the same commands against the real server through --url, on a fresh copy of the data
    _reference(redis_url)
    assert _piped(tmp_path, [f":redis {c}" for c in COMMANDS], redis_url).rstrip("\n") \
        == "\n".join(expected)


def test_sandbox_errors_keep_the_session(tmp_path) -> None:
    got = _piped(tmp_path, ["x = 1", "print('hi')", "redis.call('GET', 'greeting')", ":redis BADCMD"])
    assert "Attempt to modify a readonly table" in got
    assert "Script attempted to access nonexistent global variable 'print'" in got
    assert '"hello"' in got
    assert "ERR unknown command 'BADCMD'" in got


def test_redis_mode_in_a_terminal(start_repl) -> None:
    pane = start_repl("redis", "repl")
    pane.wait_prompt()
    pane.wait(r"mode: redis")  # the toolbar
    pane.line(":redis SET counter 41")
    pane.wait(r"^OK$")
    pane.wait_prompt()
    pane.line("redis.call('INCR', 'counter')")
    pane.wait(r"^\(integer\) 42\n-- Lua: 42$")  # the reply, then the Lua value
    pane.wait_prompt()
    pane.line(":redis GET counter")
    pane.wait(r'^"42"$')
    pane.wait_prompt()
    pane.line("redis.call('LPUSH', 'counter', 'x')")  # the error reply, not an error table
    pane.wait(r"^\(error\) WRONGTYPE Operation against a key holding the wrong kind of value$")
    pane.wait_prompt()
    assert "error object is not a string" not in pane.screen()
    pane.line("local total = redis.call('INCRBY', 'counter', 8)")
    pane.wait_prompt()
    pane.line("total * 2")  # a session local, seen by the next input
    pane.wait(r"^\(integer\) 100\n-- Lua: 100$")
    pane.wait_prompt()


def test_functions_in_a_terminal(start_repl, tmp_path: Path) -> None:
    library = tmp_path / "lib.lua"
    library.write_bytes(LIBRARY)
    pane = start_repl("redis", "repl")
    pane.wait_prompt()
    pane.line(f":function load {library}")
    pane.wait(r'^"repllib"$')
    pane.wait_prompt()
    pane.line(":fcall add total , 5")
    pane.wait(r"^\(integer\) 5$")
    pane.wait_prompt()
    pane.line(":fcall boom")
    screen = pane.wait(r"^\(error\) WRONGTYPE Operation against a key holding the wrong kind of value")
    assert "script\n: boom, on @user_function:6." in screen  # FCALL's error reply (wrapped at 80)
    pane.wait_prompt()
    pane.line(":help")
    pane.wait(r"^:locals +the session locals")  # its first lines: see test_help_says_locals_stay
