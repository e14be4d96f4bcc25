"""`ferrous redis fcall` against redis-cli: the same library files loaded with FUNCTION LOAD
REPLACE and functions called with FCALL / FCALL_RO through redis-cli on the real server, and
through ferrous on the embedded keyspace and on the real server (--url): the printed output must
be the same bytes, raw and formatted. Then --args-file (arguments holding any byte) against the
real server's EVAL, and the argument errors of ``ferrous redis``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ferrous_repl import redis_cli
from ferrous_repl.redis_args import split_keys_args
from tests.ferrous_repl.test_redis_cli import _redis_cli, _resp2_to_json
from tests.vm.redis.reference import RawRedis

LIBRARY = """#!lua name=shop
local function add(keys, args)
  return redis.call('HINCRBY', keys[1], args[1], args[2])
end
redis.register_function('add', add)
redis.register_function{function_name = 'show', flags = {'no-writes'},
  callback = function(keys) return redis.call('HGETALL', keys[1]) end}
redis.register_function('echo', function(keys, args) return {keys, args, #keys, #args} end)
redis.register_function('fail', function(keys) error('out of ' .. keys[1]) end)
redis.register_function('status', function() return redis.status_reply('STOCKED') end)
redis.register_function('wrongtype', function(keys)
  redis.call('SET', keys[1], 'x')
  return redis.call('HINCRBY', keys[1], 'f', 1)
end)
"""

CALLS: dict[str, tuple[str, list[str], bool]] = {  # function, words, FCALL_RO
    "integer": ("add", ["cart", ",", "apples", "3"], False),
    "hash": ("show", ["cart"], False),
    "read-only call": ("show", ["cart"], True),
    "read-only refused": ("add", ["cart", ",", "apples", "1"], True),
    "keys and args": ("echo", ["k1", "k2", ",", "a1"], False),
    "no words": ("echo", [], False),
    "runtime error": ("fail", ["stock"], False),
    "status": ("status", [], False),
    "wrong type": ("wrongtype", ["w"], False),
    "unknown function": ("nosuch", [], False),
    "name without regard to case": ("ECHO", ["k"], False),
}


@pytest.fixture(scope="module")
def server(redis_url: str) -> RawRedis:
    return RawRedis(redis_url)


def _ferrous(*args: str) -> tuple[int, bytes, bytes]:
    out = io.BytesIO()
    err = io.BytesIO()
    status = redis_cli.main(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def _prepare(server: RawRedis) -> None:
    server.command("FUNCTION", "FLUSH")
    server.command("FLUSHDB")
    server.command("HSET", "cart", "pears", "2")


@pytest.mark.parametrize("mode", ["raw", "--no-raw"])
@pytest.mark.parametrize("keyspace", ["embedded", "url"])
@pytest.mark.parametrize("name", list(CALLS))
def test_output_as_redis_cli(server: RawRedis, redis_url: str, tmp_path: Path, name: str,
                             keyspace: str, mode: str) -> None:
    function, words, ro = CALLS[name]
    library = tmp_path / "shop.lua"
    library.write_text(LIBRARY)
    keys, args = split_keys_args(words)
    flags = [] if mode == "raw" else ["--no-raw"]
    _prepare(server)
    _redis_cli(redis_url, "FUNCTION", "LOAD", "REPLACE", LIBRARY)
    theirs = _redis_cli(redis_url, *flags, "FCALL_RO" if ro else "FCALL", function, str(len(keys)),
                        *[k.decode() for k in keys], *[a.decode() for a in args])
    _prepare(server)
    server.command("FUNCTION", "FLUSH")
    url = ["--url", redis_url] if keyspace == "url" else []
    status, out, err = _ferrous("fcall", *url, "--setup", str(_setup(tmp_path)), *flags,
                                *(["--ro"] if ro else []), str(library), function, *words)
    assert (status, out, err) == (theirs.returncode, theirs.stdout, b"")


@pytest.mark.parametrize("name", list(CALLS))
def test_json(server: RawRedis, tmp_path: Path, name: str) -> None:
    function, words, ro = CALLS[name]
    library = tmp_path / "shop.lua"
    library.write_text(LIBRARY)
    keys, args = split_keys_args(words)
    _prepare(server)
    server.command("FUNCTION", "LOAD", "REPLACE", LIBRARY)
    raw = server.command("FCALL_RO" if ro else "FCALL", function, str(len(keys)), *keys, *args)
    server.command("FUNCTION", "FLUSH")
    status, out, err = _ferrous("fcall", "--json", "--setup", str(_setup(tmp_path)),
                                *(["--ro"] if ro else []), str(library), function, *words)
    assert (status, err) == (0, b"")
    assert json.loads(out) == _resp2_to_json(raw)


def _setup(tmp_path: Path) -> Path:
    setup = tmp_path / "setup.redis"
    setup.write_text("HSET cart pears 2\n")
    return setup


@pytest.mark.parametrize("body", ["return 1", "#!lua name=x\nreturn +", "#!lua name=x\nlocal a = 1",
                                  "#!lua name=x\nredis.call('ping')", "#!lua name=a-b\n",
                                  "#!lua name=x\nredis.register_function('f', 5)"])
@pytest.mark.parametrize("mode", ["raw", "--no-raw"])
def test_library_that_does_not_load(server: RawRedis, redis_url: str, tmp_path: Path, body: str,
                                    mode: str) -> None:
    """FUNCTION LOAD's error, printed as redis-cli prints it, and status 1."""
    library = tmp_path / "bad.lua"
    library.write_text(body)
    flags = [] if mode == "raw" else ["--no-raw"]
    server.command("FUNCTION", "FLUSH")
    theirs = _redis_cli(redis_url, *flags, "FUNCTION", "LOAD", "REPLACE", body)
    status, out, err = _ferrous("fcall", *flags, str(library), "f")
    assert (status, out, err) == (1, theirs.stdout, b"")


def test_library_replaced_by_the_file(tmp_path: Path) -> None:
    """The setup may load an older version of the library: the file's replaces it."""
    setup = tmp_path / "setup.redis"
    setup.write_text("FUNCTION LOAD \"#!lua name=shop\\nredis.register_function('old', "
                     "function() return 'old' end)\"\n")
    library = tmp_path / "shop.lua"
    library.write_text(LIBRARY)
    assert _ferrous("fcall", "--setup", str(setup), str(library), "status") == (0, b"STOCKED\n", b"")
    assert _ferrous("fcall", "--setup", str(setup), "--no-raw", str(library), "old") == \
        (0, b"(error) ERR Function not found\n", b"")


def test_missing_library_file(tmp_path: Path) -> None:
    status, out, err = _ferrous("fcall", str(tmp_path / "none.lua"), "f")
    assert (status, out) == (1, b"")
    assert err.startswith(b"ferrous redis: Can't open library file '") and b"No such file" in err


ARGS_FILE = b"""# keys, then a lone comma, then the arguments, quoted as redis-cli reads them
"key\\x00one" 'two words'
,
"\\x00\\x01\\xff" plain "tab\\there"
"""


@pytest.mark.parametrize("keyspace", ["embedded", "url"])
def test_args_file_carries_any_byte(server: RawRedis, redis_url: str, tmp_path: Path,
                                    keyspace: str) -> None:
    """--args-file: NUL bytes in keys and arguments reach the script as the real server's EVAL
    gives them (compared through --json)."""
    script = tmp_path / "s.lua"
    body = "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], #KEYS[1], #ARGV[1], #ARGV}"
    script.write_text(body)
    words = tmp_path / "args.txt"
    words.write_bytes(ARGS_FILE)
    raw = server.command("EVAL", body, "2", b"key\x00one", b"two words", b"\x00\x01\xff", b"plain",
                         b"tab\there")
    url = ["--url", redis_url] if keyspace == "url" else []
    status, out, err = _ferrous("eval", *url, "--json", "--args-file", str(words), str(script))
    assert (status, err) == (0, b"")
    assert json.loads(out) == _resp2_to_json(raw)


def test_args_file_after_command_line_words(tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("return {#KEYS, #ARGV, KEYS[1], ARGV[1]}")
    words = tmp_path / "args.txt"
    words.write_text(', "from file"\n')
    assert _ferrous("eval", "--args-file", str(words), str(script), "k") == \
        (0, b"1\n1\nk\nfrom file\n", b"")
    bad = tmp_path / "bad.txt"
    bad.write_text('"unbalanced\n')
    assert _ferrous("eval", "--args-file", str(bad), str(script)) == \
        (1, b"", f"ferrous redis: {bad}:1: Invalid argument(s) (unbalanced quotes)\n".encode())


@pytest.mark.parametrize("words, message", [
    (["eval"], "ferrous redis eval: no script file given: ferrous redis eval SCRIPT [key ...] [, arg ...]"),
    (["fcall"], "ferrous redis fcall: a library file and a function name are needed"),
    (["fcall", "lib.lua"], "ferrous redis fcall: a library file and a function name are needed"),
    (["eval", "--time-limit", "-1", "s.lua"],
     "ferrous redis eval: argument --time-limit: must be 0 (no limit) or more seconds, not -1"),
    (["eval", "--time-limit", "nan", "s.lua"], "ferrous redis eval: argument --time-limit: must be 0"),
    (["fcall", "--time-limit", "x", "l.lua", "f"],
     "ferrous redis fcall: argument --time-limit: not a number of seconds: 'x'"),
    (["eval", "--flavor", "keydb", "s.lua"], "ferrous redis eval: argument --flavor: invalid choice"),
])
def test_argument_errors(capsys: pytest.CaptureFixture[str], words: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        _ferrous(*words)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: ")
    assert message in err
    assert "the following arguments are required" not in err


def test_valkey_flavor(tmp_path: Path) -> None:
    """Valkey 8's names: server.* is the redis table, its version fields, its error texts."""
    script = tmp_path / "s.lua"
    script.write_text("return {server.call('ping'), tostring(server == redis), server.SERVER_NAME, "
                      "server.VALKEY_VERSION, server.REDIS_VERSION, "
                      "server.pcall('setresp') and redis.pcall('x').err}")
    assert _ferrous("eval", "--flavor", "valkey", str(script)) == \
        (0, b"PONG\ntrue\nvalkey\n8.0.1\n7.2.4\nERR Unknown Redis command called from script\n", b"")
    assert _ferrous("eval", str(script))[1].startswith(b"ERR user_script:1: Script attempted to access "
                                                       b"nonexistent global variable 'server'")
    lib = tmp_path / "v.lua"
    lib.write_text("#!lua name=v\nserver.register_function('f', 1)")
    assert _ferrous("fcall", "--flavor", "valkey", str(lib), "f") == \
        (1, b"ERR Error registering functions: ERR second argument to server.register_function "
            b"must be a function\n\n", b"")  # redis-cli --raw ends an error with an empty line
    lib.write_text("#!lua name=v\nserver.register_function('f', function() redis.setresp() end)")
    assert _ferrous("fcall", "--flavor", "valkey", str(lib), "f")[1] == \
        b"ERR server.setresp() requires one argument. script: f, on @user_function:2.\n\n"
