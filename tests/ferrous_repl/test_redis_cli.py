"""`ferrous redis eval` against `redis-cli --eval`: the same script files, keys and arguments;
redis-cli runs them with the real server's EVAL, ferrous on the embedded keyspace and on the real
server (--url); the printed output must be the same bytes, raw (output not a terminal) and
formatted (--no-raw). --json, --setup and the failures are checked against what redis-cli does
with the same inputs."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ferrous_repl import redis_cli
from ferrous_repl.redis_args import split_keys_args
from tests.vm.redis.reference import RawRedis

REPO = Path(__file__).resolve().parents[2]

SCRIPTS: dict[str, tuple[str, list[str]]] = {
    "integer": ("return 42", []),
    "string": ("return 'hello'", []),
    "quoting": ("return 'tab\\tquote\"back\\\\slash\\nnew\\0nul\\255'", []),
    "nil": ("return nil", []),
    "status": ("return redis.status_reply('FINE')", []),
    "status from call": ("return redis.call('set', KEYS[1], ARGV[1])", ["k", ",", "v"]),
    "error": ("return redis.call('nosuch')", []),
    "error reply": ("return redis.error_reply('MY bad')", []),
    "runtime error": ("local t = nil\nreturn t.x", []),
    "compile error": ("return +", []),
    "keys and args": ("return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}",
                      ["k1", "k2", ",", "a1", ",", "a3"]),
    "keys only": ("return {#KEYS, #ARGV}", ["a", "b", "c"]),
    "comma inside a word": ("return {KEYS[1], #ARGV}", ["a,b"]),
    "nested": ("return {1, {2, {3, 'x'}, {}}, {}, 'y', false, {ok = 'S'}, {err = 'E r'}}", []),
    "empty array": ("return {}", []),
    "ten elements": ("local t = {} for i = 1, 12 do t[i] = {i, tostring(i)} end return t", []),
    "array in call": ("redis.call('rpush', KEYS[1], 'a', 'b', 'c') "
                      "return redis.call('lrange', KEYS[1], 0, -1)", ["l"]),
    "double downgraded": ("return {double = 3.5}", []),
    "map downgraded": ("return {map = {a = {1, 2}}}", []),
    "negative and float": ("return {-1, 2.9, -0.5}", []),
    "deep nesting": ("local t = {} local u = t for i = 1, 3000 do u[1] = {} u = u[1] end return t",
                     []),
    "self-referencing table": ("local t = {} t[1] = t return t", []),
    "wide and deep": ("local t = {} for i = 1, 11 do t[i] = {i, {i, {'x'}}} end return t", []),
}


@pytest.fixture(scope="module")
def server(redis_url: str) -> RawRedis:
    assert shutil.which("redis-cli"), "redis-cli is not installed (apt-get install redis-tools)"
    return RawRedis(redis_url)


def _port(url: str) -> str:
    return str(urlparse(url).port)


def _redis_cli(url: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(["redis-cli", "-p", _port(url), *args], input=stdin, capture_output=True,
                          check=False)


def _ferrous(*args: str) -> tuple[int, bytes, bytes]:
    out = io.BytesIO()
    err = io.BytesIO()
    status = redis_cli.main(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("mode", ["raw", "--no-raw"])
@pytest.mark.parametrize("keyspace", ["embedded", "url"])
@pytest.mark.parametrize("name", list(SCRIPTS))
def test_output_as_redis_cli(server: RawRedis, redis_url: str, tmp_path: Path, name: str,
                             keyspace: str, mode: str) -> None:
    body, words = SCRIPTS[name]
    script = tmp_path / "s.lua"
    script.write_text(body)
    flags = [] if mode == "raw" else ["--no-raw"]
    server.command("FLUSHDB")
    theirs = _redis_cli(redis_url, *flags, "--eval", str(script), *words)
    server.command("FLUSHDB")
    url = ["--url", redis_url] if keyspace == "url" else []
    status, out, err = _ferrous("eval", *url, *flags, str(script), *words)
    assert (status, out, err) == (theirs.returncode, theirs.stdout, b"")


def _resp2_to_json(raw: bytes) -> object:
    """The expected JSON of a RESP2 reply, read from its bytes (iteratively: replies nest
    thousands deep)."""
    pos = 0
    root: list = []
    open_: list[tuple[list, int]] = [(root, 1)]  # arrays being filled, with their sizes
    while open_:
        target, size = open_[-1]
        if len(target) == size:
            open_.pop()
            continue
        end = raw.index(b"\r\n", pos)
        kind, head = raw[pos:pos + 1], raw[pos + 1:end]
        pos = end + 2
        if kind == b":":
            target.append(int(head))
        elif kind == b"+":
            target.append(head.decode())
        elif kind == b"-":
            target.append({"error": head.decode()})
        elif kind == b"$":
            n = int(head)
            target.append(None if n < 0 else raw[pos:pos + n].decode("utf-8", "backslashreplace"))
            pos += n + 2 if n >= 0 else 0
        elif int(head) < 0:
            target.append(None)
        else:
            items: list = []
            target.append(items)
            open_.append((items, int(head)))
    return root[0]


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_json(server: RawRedis, tmp_path: Path, name: str) -> None:
    body, words = SCRIPTS[name]
    script = tmp_path / "s.lua"
    script.write_text(body)
    keys, args = split_keys_args(words)
    server.command("FLUSHDB")
    raw = server.command("EVAL", body.encode(), str(len(keys)), *keys, *args)
    server.command("FLUSHDB")
    status, out, err = _ferrous("eval", "--json", str(script), *words)
    assert status == 0 and err == b""
    assert out.endswith(b"\n") and out.count(b"\n") == 1
    assert json.loads(out) == _resp2_to_json(raw)


SETUP = b"""# a comment line, then commands in redis-cli's quoting
SET plain value
SET "with space" "two\\x41words\\n"
RPUSH list a 'b c' "d\\"e"

HSET h field 'it\\'s'
"""

READER = """
return {redis.call('get', 'plain'), redis.call('get', 'with space'),
        redis.call('lrange', 'list', 0, -1), redis.call('hget', 'h', 'field')}
"""


@pytest.mark.parametrize("keyspace", ["embedded", "url"])
def test_setup_file(server: RawRedis, redis_url: str, tmp_path: Path, keyspace: str) -> None:
    setup = tmp_path / "setup.redis"
    setup.write_bytes(SETUP)
    script = tmp_path / "read.lua"
    script.write_text(READER)
    server.command("FLUSHDB")
    commands = b"\n".join(line for line in SETUP.split(b"\n") if not line.startswith(b"#"))
    _redis_cli(redis_url, stdin=commands)
    theirs = _redis_cli(redis_url, "--no-raw", "--eval", str(script))
    server.command("FLUSHDB")
    url = ["--url", redis_url] if keyspace == "url" else []
    status, out, err = _ferrous("eval", *url, "--no-raw", "--setup", str(setup), str(script))
    assert (status, out, err) == (0, theirs.stdout, b"")


def test_setup_failures(tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("return 1")
    bad = tmp_path / "bad.redis"
    bad.write_text('SET a 1\nSET "unbalanced\n')
    assert _ferrous("eval", "--setup", str(bad), str(script)) == \
        (1, b"", f"ferrous redis: {bad}:2: Invalid argument(s)\n".encode())
    refused = tmp_path / "refused.redis"
    refused.write_text("SET a 1\nLPUSH a x\n")
    assert _ferrous("eval", "--setup", str(refused), str(script)) == \
        (1, b"", f"ferrous redis: {refused}:2: WRONGTYPE Operation against a key holding the wrong "
                 f"kind of value\n".encode())
    assert _ferrous("eval", "--setup", str(tmp_path / "none"), str(script))[0] == 1


def test_setup_may_load_scripts(tmp_path: Path) -> None:
    setup = tmp_path / "setup.redis"
    setup.write_text("SCRIPT LOAD \"return 'cached'\"\nEVAL \"redis.call('set', 'x', 'y')\" 0\n")
    script = tmp_path / "s.lua"
    script.write_text("return {redis.call('get', 'x'), redis.sha1hex(\"return 'cached'\")}")
    status, out, _ = _ferrous("eval", "--no-raw", "--setup", str(setup), str(script))
    assert status == 0 and out.startswith(b'1) "y"\n2) "')


def test_missing_script_file_as_redis_cli(server: RawRedis, redis_url: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.lua"
    theirs = _redis_cli(redis_url, "--eval", str(missing))
    status, out, err = _ferrous("eval", str(missing))
    assert (status, out, err) == (theirs.returncode, b"", b"ferrous redis: " + theirs.stderr)


def test_unreachable_server_as_redis_cli(tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("return 1")
    theirs = subprocess.run(["redis-cli", "-p", "1", "--eval", str(script)], capture_output=True,
                            check=False)
    status, out, err = _ferrous("eval", "--url", "redis://127.0.0.1:1/0", str(script))
    assert (status, out, err) == (theirs.returncode, b"", b"ferrous redis: " + theirs.stderr)


def test_log_lines_on_stderr(tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("redis.log(redis.LOG_WARNING, 'w', 1)\nredis.log(redis.LOG_DEBUG, 'quiet')\n"
                      "redis.log(redis.LOG_NOTICE, 'n')\nreturn 1")
    assert _ferrous("eval", str(script)) == (0, b"1\n", b"redis.log(warning): w 1\n"
                                                        b"redis.log(notice): n\n")


def test_time_limit(tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("while true do end")
    status, out, err = _ferrous("eval", "--time-limit", "0.05", "--no-raw", str(script))
    assert status == 0 and err == b""
    assert out.startswith(b"(error) ERR Script killed: it ran longer than the time limit (0.05 s) "
                          b"script: ")
    assert out.endswith(b", on @user_script:1.\n")


def test_usage() -> None:
    assert _ferrous()[0] == 1
    assert _ferrous("bogus")[0] == 1
    status, out, _ = _ferrous("--help")
    assert status == 0 and out.startswith(b"usage: ferrous redis eval")


def test_dispatch_from_ferrous(tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("return {1, 'two'}")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "ferrous_repl", "redis", "eval", str(script)],
                          capture_output=True, env=env, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, b"1\ntwo\n", b"")
