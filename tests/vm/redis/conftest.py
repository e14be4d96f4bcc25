"""Fixtures of the Redis scripting tests: a raw connection to the reference server, and our
engine on the embedded keyspace and on that server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis.embedded import EmbeddedKeyspace
from vm.redis.engine import ScriptEngine
from vm.redis.remote import RemoteKeyspace


@pytest.fixture(scope="module")
def real(redis_url: str) -> Iterator[RawRedis]:
    """The real redis-server (conftest's redis_url), replies as raw bytes."""
    r = RawRedis(redis_url)
    yield r
    r.close()


@pytest.fixture(scope="module")
def embedded() -> Iterator[ScriptEngine]:
    e = ScriptEngine(EmbeddedKeyspace())
    yield e
    e.close()


@pytest.fixture(scope="module")
def remote(redis_url: str) -> Iterator[ScriptEngine]:
    e = ScriptEngine(RemoteKeyspace(redis_url))
    yield e
    e.close()
