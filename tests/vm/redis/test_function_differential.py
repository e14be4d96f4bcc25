"""Redis 7 Functions against real Redis 7.0: the command sequences of function_cases.py sent to
the real server and to our engine (embedded keyspace, and the real server as a ``--url``
keyspace), every reply compared byte for byte."""

from __future__ import annotations

import pytest

from tests.vm.redis.function_cases import CASES, LAST_DUMP, FCase
from tests.vm.redis.reference import RawRedis
from vm.redis.engine import ScriptEngine
from vm.redis.resp import decode, encode


def _b(v: str | bytes) -> bytes:
    return v.encode("utf-8") if isinstance(v, str) else v


def _argv(cmd: tuple, dump: bytes | None) -> list[bytes]:
    return [dump if a == LAST_DUMP and dump is not None else _b(a) for a in cmd]


def _dumped(cmd: tuple, reply: bytes) -> bytes | None:
    if [a.upper() if isinstance(a, str) else a for a in cmd] == ["FUNCTION", "DUMP"]:
        value = decode(reply)
        return value if isinstance(value, bytes) else None
    return None


def reference_replies(real: RawRedis, case: FCase) -> list[bytes]:
    real.command("FUNCTION", "FLUSH")
    real.command("FLUSHDB")
    if case.proto == 3:
        real.command("HELLO", "3")
    out = []
    dump = None
    try:
        for cmd in case.commands:
            reply = real.command(*_argv(cmd, dump))
            dump = _dumped(cmd, reply) or dump
            out.append(reply)
    finally:
        if case.proto == 3:
            real.command("HELLO", "2")
    return out


def our_replies(engine: ScriptEngine, case: FCase) -> list[bytes]:
    engine.command([b"FUNCTION", b"FLUSH"])
    engine.command([b"FLUSHDB"])
    out = []
    dump = None
    for cmd in case.commands:
        reply = encode(engine.command(_argv(cmd, dump)), case.proto)
        dump = _dumped(cmd, reply) or dump
        out.append(reply)
    return out


def test_corpus_size() -> None:
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)


def _compare(ours: list[bytes], expected: list[bytes], case: FCase) -> None:
    for cmd, a, b in zip(case.commands, ours, expected, strict=True):
        assert a == b, (cmd, a, b)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_embedded_keyspace(real: RawRedis, embedded: ScriptEngine, case: FCase) -> None:
    _compare(our_replies(embedded, case), reference_replies(real, case), case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_real_server_keyspace(real: RawRedis, remote: ScriptEngine, case: FCase) -> None:
    expected = reference_replies(real, case)
    _compare(our_replies(remote, case), expected, case)
