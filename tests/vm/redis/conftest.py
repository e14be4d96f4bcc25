"""Fixtures of the Redis scripting tests: a raw connection to the reference server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.vm.redis.reference import RawRedis


@pytest.fixture(scope="module")
def real(redis_url: str) -> Iterator[RawRedis]:
    """The real redis-server (conftest's redis_url), replies as raw bytes."""
    r = RawRedis(redis_url)
    yield r
    r.close()
