"""`ferrous redis repl`: Lua typed at the REPL runs in Redis's scripting environment and
`:redis` sends raw commands. Values are compared with a real Redis server (EVAL for Lua,
redis-cli for commands) run on the same data."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
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
    r = redis.Redis.from_url(redis_url)
    r.flushdb()
    for line in SETUP.decode().splitlines():
        r.execute_command(*line.split())
    return r


def test_lua_input_sees_the_redis_environment_like_eval(tmp_path, redis_url: str) -> None:
    from lupa import lua51

    r = _reference(redis_url)
    expected = [r.eval(f"return {expr}", 0) for expr in EXPRESSIONS]  # every one is a string
    read = lua51.LuaRuntime(encoding=None)  # the REPL shows strings as Lua source: read it back
    got = [read.eval(line) for line in _piped(tmp_path, EXPRESSIONS).splitlines()]
    assert got == expected


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
    pane.wait(r"^42$")
    pane.wait_prompt()
    pane.line(":redis GET counter")
    pane.wait(r'^"42"$')
