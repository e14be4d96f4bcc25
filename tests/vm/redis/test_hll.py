"""PFADD, PFCOUNT and PFMERGE of the embedded keyspace (vm/redis/hll.py) against the real
server: the replies and the HLL strings themselves, byte for byte, through sparse edits, the
promotion to dense, cached and stale cardinalities, merges and refusals."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis import hll
from vm.redis.embedded import EmbeddedKeyspace
from vm.redis.engine import ScriptEngine
from vm.redis.resp import encode


@pytest.fixture()
def engine() -> Iterator[ScriptEngine]:
    e = ScriptEngine(EmbeddedKeyspace())
    yield e
    e.close()


def test_register_and_run_of_known_elements() -> None:
    """hllPatLen of 'a' and 'b', as the real server's sparse string for {a, b} shows them
    (registers 12711 and 15780, runs 2 and 1)."""
    assert hll.pattern(b"a") == (12711, 2)
    assert hll.pattern(b"b") == (15780, 1)


@pytest.mark.parametrize("seed", range(4))
def test_random_flows_as_redis(real: RawRedis, engine: ScriptEngine, seed: int) -> None:
    r = random.Random(seed)
    real.command("FLUSHDB")
    engine.command([b"FLUSHDB"])
    for _ in range(15):
        key = r.choice(["h1", "h2", "h3"])
        pick = r.random()
        if pick < 0.6:
            size = r.choice([1, 3, 20, 300, 900])
            cmd = ["PFADD", key] + ["e%d" % r.randint(0, 5000) for _ in range(size)]
        elif pick < 0.8:
            cmd = ["PFCOUNT", key] + ([r.choice(["h1", "h2", "nokey"])] if r.random() < 0.4 else [])
        else:
            cmd = ["PFMERGE", key, r.choice(["h1", "h2", "h3", "nokey"])]
        assert encode(engine.command([a.encode() for a in cmd])) == real.command(*cmd), cmd[:3]
        assert encode(engine.command([b"GET", key.encode()])) == real.command("GET", key), cmd[:3]


REFUSALS = [
    ("SET", "s", "x"), ("PFADD", "s", "a"), ("PFCOUNT", "s"), ("PFMERGE", "d", "s"),
    ("PFCOUNT", "s", "nokey"), ("RPUSH", "l", "a"), ("PFADD", "l", "a"), ("PFCOUNT", "l"),
    ("PFCOUNT", "nokey"), ("PFCOUNT", "nokey", "n2"),
    ("PFMERGE", "d2", "nokey"), ("GET", "d2"), ("PFADD", "e"), ("PFADD", "e"), ("GET", "e"),
    ("PFADD", "t", "a"), ("EXPIRE", "t", "100"), ("PFADD", "t", "b"), ("TTL", "t"), ("PFCOUNT", "t"),
    ("TTL", "t"), ("OBJECT", "ENCODING", "t"), ("TYPE", "t"), ("SET", "bad", "HYLL\x01garbage"),
    ("PFCOUNT", "bad"), ("PFADD", "bad", "x"),
]


def test_refusals_and_side_effects_as_redis(real: RawRedis, engine: ScriptEngine) -> None:
    real.command("FLUSHDB")
    engine.command([b"FLUSHDB"])
    for cmd in REFUSALS:
        argv = [a.encode("latin-1") for a in cmd]
        assert encode(engine.command(argv)) == real.command(*argv), cmd
