"""The differential corpus (cases.py) against real Redis 7: every script runs through the real
server's EVAL and through our engine, on the embedded keyspace and on the real server as a
``--url`` keyspace; the replies must be the same bytes."""

from __future__ import annotations

import pytest

from tests.vm.redis.cases import CASES, Case
from tests.vm.redis.reference import RawRedis
from vm.redis.engine import ScriptEngine
from vm.redis.resp import encode


def _b(v: str | bytes) -> bytes:
    return v.encode("latin-1") if isinstance(v, str) else v


def reference_reply(real: RawRedis, case: Case) -> bytes:
    real.command("FLUSHDB")
    for cmd in case.setup:
        real.command(*cmd)
    if case.proto == 3:
        real.command("HELLO", "3")
    keys = [_b(k) for k in case.keys]
    try:
        return real.command("EVAL_RO" if case.ro else "EVAL", _b(case.script), str(len(keys)),
                            *keys, *[_b(a) for a in case.args])
    finally:
        if case.proto == 3:
            real.command("HELLO", "2")


def our_reply(engine: ScriptEngine, case: Case) -> bytes:
    engine.command([b"FLUSHDB"])
    for cmd in case.setup:
        engine.command([_b(a) for a in cmd])
    reply = engine.eval(_b(case.script), [_b(k) for k in case.keys], [_b(a) for a in case.args],
                        ro=case.ro)
    return encode(reply, case.proto)


def _params(for_embedded: bool) -> list:
    out = []
    for case in CASES:
        marks = []
        if for_embedded and case.embedded is not True:
            marks.append(pytest.mark.xfail(strict=True, reason=str(case.embedded)))
        out.append(pytest.param(case, id=case.name, marks=marks))
    return out


def test_corpus_size() -> None:
    assert len(CASES) >= 250
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params(True))
def test_embedded_keyspace(real: RawRedis, embedded: ScriptEngine, case: Case) -> None:
    assert our_reply(embedded, case) == reference_reply(real, case)


@pytest.mark.parametrize("case", _params(False))
def test_real_server_keyspace(real: RawRedis, remote: ScriptEngine, case: Case) -> None:
    expected = reference_reply(real, case)
    assert our_reply(remote, case) == expected
