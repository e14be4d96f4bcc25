"""split_args (sdssplitargs) against redis-cli, which splits each line it reads from standard
input with it: the tokens of every line are pushed to a list by redis-cli, and read back raw."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urlparse

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis.splitargs import split_args

LINES = [
    b"a b c",
    b"  lead   and  trail  ",
    b'"double quoted" x',
    b'"esc \\n \\r \\t \\b \\a \\\\ \\" \\q"',
    b'"hex \\x41\\x7a\\xff\\x4"',
    b'"hex \\xg1"',
    b"'single \\' quote' y",
    b"'single \\n stays'",
    b'a"b c"',
    b"a'b c'",
    b'"closing"x',
    b"'closing'x",
    b'"unterminated',
    b"'unterminated",
    b'""',
    b"''",
    b"tab\tseparated\ttokens",
    b"vertical\x0btab",
    b"form\x0cfeed",
    b"bytes \x80\xff",
    b'"quote at end"',
    b'x "" y',
]


@pytest.fixture(scope="module")
def server(redis_url: str) -> tuple[RawRedis, int]:
    assert shutil.which("redis-cli"), "redis-cli is not installed (apt-get install redis-tools)"
    return RawRedis(redis_url), urlparse(redis_url).port or 6379


def _tokens_via_redis_cli(real: RawRedis, port: int, line: bytes) -> list[bytes] | None:
    real.command("DEL", "tokens")
    done = subprocess.run(["redis-cli", "-p", str(port)], input=b"RPUSH tokens " + line + b"\n",
                          capture_output=True, check=True)
    if done.stdout.startswith(b"Invalid argument(s)"):
        return None
    raw = real.command("LRANGE", "tokens", "0", "-1")
    # *n, then $len and the data of each item
    items, pos = [], raw.index(b"\r\n") + 2
    while pos < len(raw):
        end = raw.index(b"\r\n", pos)
        n = int(raw[pos + 1:end])
        items.append(raw[end + 2:end + 2 + n])
        pos = end + 2 + n + 2
    return items


@pytest.mark.parametrize("line", LINES)
def test_split_args_as_redis_cli(server: tuple[RawRedis, int], line: bytes) -> None:
    real, port = server
    theirs = _tokens_via_redis_cli(real, port, line)
    mine = split_args(line)
    assert mine == theirs


def test_nul_ends_the_line() -> None:
    assert split_args(b"a b\0c d") == [b"a", b"b"]
    assert split_args(b"") == []
