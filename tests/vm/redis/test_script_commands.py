"""EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT as commands, against real Redis 7: sequences of
commands sent to the real server and to our engine (``ScriptEngine.command``), every reply
compared byte for byte. Each sequence starts with SCRIPT FLUSH and FLUSHDB on both sides."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis.embedded import EmbeddedKeyspace
from vm.redis.engine import ScriptEngine
from vm.redis.remote import RemoteKeyspace
from vm.redis.resp import encode


def sha(script: str) -> str:
    return hashlib.sha1(script.encode()).hexdigest()


S1 = "return 1"
S2 = "return {KEYS[1], ARGV[1]}"

SEQUENCES: dict[str, list[tuple[str, ...]]] = {
    "load then evalsha": [
        ("SCRIPT", "LOAD", S1), ("EVALSHA", sha(S1), "0"), ("EVALSHA", sha(S1).upper(), "0"),
        ("SCRIPT", "EXISTS", sha(S1), sha(S1).upper(), "0" * 40, "nosuch"),
    ],
    "flush forgets": [
        ("SCRIPT", "LOAD", S1), ("SCRIPT", "FLUSH"), ("SCRIPT", "EXISTS", sha(S1)),
        ("EVALSHA", sha(S1), "0"),
    ],
    "flush options": [
        ("SCRIPT", "FLUSH", "SYNC"), ("SCRIPT", "FLUSH", "async"), ("SCRIPT", "FLUSH", "bogus"),
        ("SCRIPT", "FLUSH", "SYNC", "x"),
    ],
    "eval caches": [("EVAL", S2, "1", "k", "a"), ("EVALSHA", sha(S2), "1", "k2", "b"),
                    ("SCRIPT", "EXISTS", sha(S2))],
    "runtime error is cached": [("EVAL", "error('x')", "0"), ("SCRIPT", "EXISTS", sha("error('x')"))],
    "compile error is not cached": [("EVAL", "return +", "0"), ("SCRIPT", "EXISTS", sha("return +")),
                                    ("SCRIPT", "LOAD", "return +")],
    "shebang error is not cached": [("SCRIPT", "LOAD", "#!lua flags=x\nreturn 1"),
                                    ("SCRIPT", "EXISTS", sha("#!lua flags=x\nreturn 1"))],
    "unknown sha": [("EVALSHA", "abc", "0"), ("EVALSHA", "0" * 40, "0"), ("EVALSHA_RO", "x" * 41, "0")],
    "numkeys": [
        ("EVAL", S1, "x"), ("EVAL", S1, "-1"), ("EVAL", S1, "2", "a"), ("EVAL", S1, "01", "a"),
        ("EVAL", S1, "1.5", "a"), ("EVAL", S1, " 1", "a"), ("EVAL", S1, "-0"),
        ("EVAL", S1, "99999999999999999999"), ("EVAL", S2, "0", "a", "b"), ("EVAL", S2, "2", "a", "b"),
    ],
    "arity": [
        ("EVAL",), ("EVAL", S1), ("EVALSHA", sha(S1)), ("EVAL_RO", S1), ("SCRIPT",),
        ("SCRIPT", "LOAD"), ("SCRIPT", "LOAD", S1, "extra"), ("SCRIPT", "EXISTS"),
        ("SCRIPT", "KILL", "x"), ("SCRIPT", "nosuch"),
    ],
    "script help and kill": [("SCRIPT", "HELP"), ("script", "help"), ("SCRIPT", "KILL")],
    "read-only variants": [
        ("EVAL_RO", "return redis.call('get', 'a')", "0"),
        ("EVAL_RO", "return redis.call('set', 'a', 'b')", "0"),
        ("SCRIPT", "LOAD", "#!lua\nreturn 1"), ("EVALSHA_RO", sha("#!lua\nreturn 1"), "0"),
        ("SCRIPT", "LOAD", "#!lua flags=no-writes\nreturn 1"),
        ("EVALSHA_RO", sha("#!lua flags=no-writes\nreturn 1"), "0"),
        ("evalsha_ro", sha(S1), "0"),
    ],
    "case-insensitive commands": [("eval", S1, "0"), ("Script", "Load", S1), ("EvalSha", sha(S1), "0")],
    "random state survives flush": [
        ("EVAL", "math.randomseed(7) return math.random(1000)", "0"), ("SCRIPT", "FLUSH"),
        ("EVAL", "return math.random(1000)", "0"),
    ],
    "keys and args through evalsha": [
        ("SET", "k", "v"), ("SCRIPT", "LOAD", "return redis.call('get', KEYS[1]) .. ARGV[1]"),
        ("EVALSHA", sha("return redis.call('get', KEYS[1]) .. ARGV[1]"), "1", "k", "!"),
    ],
}


@pytest.fixture(scope="module", params=["embedded", "remote"])
def engine(request: pytest.FixtureRequest, redis_url: str) -> Iterator[ScriptEngine]:
    ks = EmbeddedKeyspace() if request.param == "embedded" else RemoteKeyspace(redis_url)
    e = ScriptEngine(ks)
    yield e
    e.close()


@pytest.mark.parametrize("name", list(SEQUENCES))
def test_sequence(real: RawRedis, engine: ScriptEngine, name: str) -> None:
    real.command("SCRIPT", "FLUSH")
    real.command("FLUSHDB")
    engine.command([b"SCRIPT", b"FLUSH"])
    engine.command([b"FLUSHDB"])
    for cmd in SEQUENCES[name]:
        argv = [a.encode() for a in cmd]
        expected = real.command(*argv)
        assert encode(engine.command(argv)) == expected, cmd


def test_script_cache_is_per_engine() -> None:
    a = ScriptEngine()
    b = ScriptEngine()
    assert a.script_load(b"return 1") == sha(S1).encode()
    assert a.script_exists([sha(S1).encode()]) == [1]
    assert b.script_exists([sha(S1).encode()]) == [0]
