"""Both keyspaces against real Redis 7 for plain commands: replies keep their RESP types (status,
bulk, nil, integer, error, array; RESP3 map, set, double, null), compared byte for byte with the
real server's replies; the command table shipped for the embedded keyspace is the real one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vm.redis.reference import RawRedis
from vm.redis.commands import CommandTable
from vm.redis.embedded import EmbeddedKeyspace
from vm.redis.keyspace import Keyspace, KeyspaceError, open_keyspace
from vm.redis.remote import RemoteKeyspace
from vm.redis.reply import BigNumber, Double, ErrorReply, Map, SetReply, Status, Verbatim
from vm.redis.resp import decode, encode

SETUP = [("SET", "s", "v"), ("RPUSH", "l", "a", "b"), ("HSET", "h", "f", "1"), ("SADD", "set", "m"),
         ("ZADD", "z", "1.5", "m")]

COMMANDS = [
    ("PING",), ("GET", "s"), ("GET", "nokey"), ("INCR", "n"), ("LRANGE", "l", "0", "-1"),
    ("LRANGE", "nokey", "0", "-1"), ("LPUSH", "s", "x"), ("HGETALL", "h"), ("SMEMBERS", "set"),
    ("ZSCORE", "z", "m"), ("ZRANGE", "z", "0", "-1", "WITHSCORES"), ("TYPE", "h"),
    ("EXISTS", "s", "l", "nokey"), ("NOSUCH",), ("GET",), ("SET", "k", "v", "bogus"),
    ("MGET", "s", "nokey"), ("ECHO", "a\x00b"), ("HGET", "h", "nofield"), ("LPOP", "nokey"),
    ("STRLEN", "s"), ("APPEND", "s", "w"), ("DEL", "s", "l"),
]


@pytest.fixture(scope="module", params=["embedded", "remote"])
def keyspace(request: pytest.FixtureRequest, redis_url: str) -> Iterator[Keyspace]:
    ks = EmbeddedKeyspace() if request.param == "embedded" else RemoteKeyspace(redis_url)
    yield ks
    ks.close()


# where fakeredis, answering a normal client, differs from Redis
EMBEDDED_DIFFERENCES = {
}


@pytest.mark.parametrize("proto", [2, 3])
def test_replies_keep_their_types(real: RawRedis, keyspace: Keyspace, proto: int) -> None:
    real.command("FLUSHDB")
    for cmd in SETUP:
        real.command(*cmd)
    if proto == 3:
        real.command("HELLO", "3")
    expected = [real.command(*cmd) for cmd in COMMANDS]
    if proto == 3:
        real.command("HELLO", "2")
    keyspace.execute([b"FLUSHDB"])
    for cmd in SETUP:
        keyspace.execute([a.encode() for a in cmd])
    differ = {}
    for cmd, theirs in zip(COMMANDS, expected, strict=True):
        mine = encode(keyspace.execute([a.encode() for a in cmd], proto), proto)
        if mine != theirs:
            differ[(cmd, proto)] = (mine, theirs)
    known = EMBEDDED_DIFFERENCES if isinstance(keyspace, EmbeddedKeyspace) else {}
    assert {k: v for k, v in differ.items() if k[1] == proto} == \
        {k: v for k, v in known.items() if k[1] == proto}


def test_remote_values_are_typed(redis_url: str) -> None:
    ks = RemoteKeyspace(redis_url)
    try:
        ks.execute([b"SET", b"k", b"OK"])
        assert ks.execute([b"SET", b"k", b"OK"]).__class__ is Status
        assert ks.execute([b"GET", b"k"]).__class__ is bytes
        assert ks.execute([b"GET", b"nokey"]) is None
        assert ks.execute([b"LPUSH", b"k", b"x"]).__class__ is ErrorReply
        assert ks.execute([b"ZADD", b"zz", b"2.5", b"m"]) in (0, 1)
        assert ks.execute([b"ZSCORE", b"zz", b"m"], 3) == Double(2.5)
        assert ks.execute([b"ZSCORE", b"zz", b"m"], 2) == b"2.5"
        ks.end_script()  # back to RESP2
        assert ks.execute([b"ZSCORE", b"zz", b"m"]) == b"2.5"
    finally:
        ks.close()


def test_remote_select_is_undone_after_a_script(redis_url: str) -> None:
    ks = RemoteKeyspace(redis_url)
    try:
        ks.execute([b"SELECT", b"2"], from_script=True)
        ks.execute([b"SET", b"only-in-2", b"x"], from_script=True)
        ks.end_script()
        assert ks.execute([b"GET", b"only-in-2"]) is None
    finally:
        ks.close()


def test_embedded_select_is_undone_after_a_script() -> None:
    ks = EmbeddedKeyspace()
    ks.execute([b"SELECT", b"3"], from_script=True)
    ks.execute([b"SET", b"k", b"x"], from_script=True)
    ks.end_script()
    assert ks.execute([b"GET", b"k"]) is None


def test_unreachable_server() -> None:
    with pytest.raises(KeyspaceError) as info:
        open_keyspace("redis://127.0.0.1:1/0")
    assert info.value.message == "Could not connect to Redis at 127.0.0.1:1: Connection refused"


def test_embedded_table_is_the_servers(redis_url: str) -> None:
    """commands70.json is what `python -m vm.redis.commands URL` writes for Redis 7.0.15."""
    ks = RemoteKeyspace(redis_url)
    try:
        live = ks.commands.to_json()
    finally:
        ks.close()
    assert CommandTable.builtin().to_json() == live


def test_command_lookup() -> None:
    t = CommandTable.builtin()
    assert t.lookup([b"GET", b"x"]).name == b"get"  # type: ignore[union-attr]
    assert t.lookup([b"config", b"GET", b"x"]).name == b"config|get"  # type: ignore[union-attr]
    assert t.lookup([b"config"]).name == b"config"  # type: ignore[union-attr]
    assert t.lookup([b"config", b"nosuch"]) is None
    assert t.lookup([b"nosuch"]) is None
    assert t.lookup([b"publish", b"c", b"m"]).writes  # type: ignore[union-attr]


REPLIES = st.recursive(
    st.one_of(st.binary(max_size=8), st.integers(-(2**63), 2**63 - 1), st.none(), st.booleans(),
              st.binary(max_size=8).filter(lambda b: b"\r" not in b and b"\n" not in b).map(Status),
              st.binary(max_size=8).filter(lambda b: b"\r" not in b and b"\n" not in b).map(ErrorReply),
              st.floats(allow_nan=False).map(Double),
              st.text("0123456789", min_size=1, max_size=30).map(lambda s: BigNumber(s.encode())),
              st.binary(max_size=8).map(lambda b: Verbatim(b"txt", b))),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(st.tuples(inner, inner), max_size=3).map(lambda x: Map(tuple(x))),
        st.lists(inner, max_size=3).map(lambda x: SetReply(tuple(x)))),
    max_leaves=12)


@given(REPLIES)
def test_resp3_round_trip(reply: object) -> None:
    assert decode(encode(reply, 3)) == reply
