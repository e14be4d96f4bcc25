"""Fixtures shared by the whole suite: a real Redis server for the Redis scripting tests, the
tier fixture, and hypothesis's settings (no deadline)."""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
from hypothesis import settings

# no timing thresholds in tests: hypothesis's default deadline (200 ms an example) failed
# test_numbers' examples on a loaded machine ("DeadlineExceeded", then "FlakyFailure")
settings.register_profile("ferrous", deadline=None)
settings.load_profile("ferrous")


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector made cheaper for the run: what import and collection built
    (modules, test items, parameters) lives to the end, so it is frozen out of the collector's
    scans, and a young generation of 10,000 objects instead of 700 lets the VM's short-lived
    frames and tables die before a collection looks at them. It was 16% of the CPU time of
    test_corpus_vm and test_debugger, 7% with this. Only when collections happen
    changes: a test that needs one (a file flushed by its finalizer) calls gc.collect()."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[str]:
    """A real redis-server (the reference for EVAL) on a free loopback port, for this test run:
    the one .ci/run started (FERROUS_TEST_REDIS_URL), else one started here.

    The suite runs in parallel (pytest-xdist): the tests flush databases, script caches and
    function libraries, so each worker process has a server of its own; the first worker (or
    a run without workers) uses the given one. It fails, never skips, when redis-server is
    missing: .ci/run installs it."""
    given = os.environ.get("FERROUS_TEST_REDIS_URL")
    if given and worker_id in ("master", "gw0"):
        import redis

        assert redis.Redis.from_url(given).ping(), f"no Redis answers at {given}"
        yield given
        return
    exe = shutil.which("redis-server")
    assert exe is not None, "redis-server is not installed (apt-get install redis-server)"
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--protected-mode", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            assert proc.poll() is None, "redis-server exited at start-up"
            assert time.monotonic() < deadline, "redis-server did not answer within 10 s"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(params=["interp", "compiled"])
def tier(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test under each tier: the interpreter alone, and the compiled tier translating
    every prototype at its first call (a translator failure then fails the test)."""
    from vm.runtime import compiled
    from vm.runtime.compiled import translate

    saved = compiled.mode
    compiled.set_mode(request.param)
    translate.strict = request.param == "compiled"
    try:
        yield request.param
    finally:
        compiled.set_mode(saved)
        translate.strict = False


def under_tiers(values: list, compiled_too: Callable[[int], bool], ids: list[str]) -> list:
    """Parameters (value, tier) for a test that takes the ``tier`` fixture indirectly: every
    value under the interpreter, those whose index ``compiled_too`` picks under the compiled
    tier as well (a slow test's compiled side on a subset, to keep the suite's time)."""
    return [pytest.param(v, t, id=f"{t}-{ids[i]}") for t in ("interp", "compiled")
            for i, v in enumerate(values) if t == "interp" or compiled_too(i)]
