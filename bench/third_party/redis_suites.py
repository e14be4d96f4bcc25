"""A project's own test suite for its Redis scripts, run three times: against redis-server's
Lua, then with ferrous running the scripts (``--url`` keyspace, then embedded), through
``redis_proxy.py``; the tests' outcomes and every script reply's bytes are compared.

qless-core (seomoz/qless-core at DIR/qless-core): ``qless.lua`` is built as its Makefile does,
with one change that both sides run: ``function table.extend`` becomes a local function, since
Redis 7 makes ``table`` read-only (the unchanged script fails every call there with "Attempt to
modify a readonly table", in ferrous as on the server). Its tests (Python 2, nose) are turned
into Python 3 by lib2to3 in a copy, their client given ``decode_responses=True``; test_tag
(Python's random order of removals) is left out, and on the embedded keyspace test_events too
(pub/sub). Hash-seeded orders are masked: table addresses, and a dependency set's order
(a hashtable set's SMEMBERS order is seeded at random on the server).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROXY = HERE / "redis_proxy.py"
ADDRESS = re.compile(rb"0x[0-9a-f]+")
DEPENDENCIES = re.compile(rb'"dependencies":\[[^\]]*\]')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise RuntimeError(f"process on port {port} ended")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def prepare_qless(src: Path, work: Path) -> Path:
    """qless.lua (Makefile's recipe, table.extend made local) and the tests in Python 3."""
    repo = src / "qless-core"
    out = work / "qless-core"
    out.mkdir()
    parts = ("base", "config", "job", "queue", "recurring", "worker", "api")
    lib = b"".join((repo / f"{f}.lua").read_bytes() for f in parts)
    lines = [ln for ln in lib.splitlines(keepends=True)
             if not re.match(rb"^\s*--[^\[]", ln) and ln.rstrip(b"\r\n") != b"--"]
    script = b"-- generated\n" + b"".join(lines)
    script = script.replace(b"function table.extend(self, other)",
                            b"local function table_extend(self, other)")
    (out / "qless.lua").write_bytes(script.replace(b"table.extend(", b"table_extend("))
    shutil.copytree(repo / "test", out / "test")
    shutil.copy(repo / "qless.py", out / "qless.py")
    subprocess.run([sys.executable, "-W", "ignore", "-m", "lib2to3", "-w", "-n", "test", "qless.py"],
                   cwd=out, check=True, capture_output=True)
    common = out / "test/common.py"
    common.write_text(common.read_text().replace("redis.Redis.from_url(url)",
                                                 "redis.Redis.from_url(url, decode_responses=True)"))
    return out


def pytest_run(cwd: Path, port: int, ignore: list[str]) -> dict[str, str]:
    """Each test's outcome (passed, failed, error)."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "test",
                           *[f"--ignore=test/{name}" for name in ignore]],
                          cwd=cwd, capture_output=True, text=True, timeout=1800,
                          env={"REDIS_URL": f"redis://127.0.0.1:{port}/", "PATH": "/usr/bin:/bin"})
    outcomes = {}
    for line in done.stdout.splitlines():
        m = re.match(r"^(PASSED|FAILED|ERROR) (\S+)", line)
        if m:
            outcomes[m.group(2)] = m.group(1).lower()
    if not outcomes:
        raise RuntimeError(done.stdout[-2000:] + done.stderr[-2000:])
    return outcomes


@dataclass(frozen=True)
class Suite:
    """A project's client code run three times. ``run(port, engine)`` runs it against the proxy
    on ``port`` and returns each item's outcome (a test's, or a printed line's); ``skip``
    names what each engine leaves out (passed to ``run``); ``mask`` hides what differs from
    run to run in the outcomes and the replies."""

    name: str
    run: Callable[[int, str], dict[str, str]]
    mask: Callable[[bytes], bytes]


def run_suite(suite: Suite, work: Path, verbose: bool, keep: Path | None = None) -> bool:
    """The suite against the server's Lua, then against ferrous's (--url keyspace, embedded),
    each through a proxy recording every script reply; True when the outcomes and the replies
    are the same. Each ferrous run is compared with the server's run of the same items
    (``redis-embedded``: what the embedded engine runs, no pub/sub)."""
    procs: list[subprocess.Popen] = []
    ok = True
    try:
        servers = []
        for _ in range(2):
            port = free_port()
            procs.append(subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                           "--save", "", "--appendonly", "no", "--dir", str(work)],
                                          stdout=subprocess.DEVNULL))
            wait_port(port, procs[-1])
            servers.append(f"redis://127.0.0.1:{port}/0")
        real = ["--url", servers[0], "--passthrough"]
        runs = {"redis": real, "redis-embedded": real, "url": ["--url", servers[1]], "embedded": []}
        results = {}
        for engine, extra in runs.items():
            for url in servers:
                subprocess.run(["redis-cli", "-u", url, "FLUSHALL"], capture_output=True, check=True)
                subprocess.run(["redis-cli", "-u", url, "SCRIPT", "FLUSH"], capture_output=True, check=True)
            port = free_port()
            record = work / f"{suite.name}.{engine}.replies"
            proxy = subprocess.Popen([sys.executable, str(PROXY), "--port", str(port),
                                      "--record", str(record), *extra], stdout=subprocess.DEVNULL)
            procs.append(proxy)
            wait_port(port, proxy)
            outcomes = suite.run(port, engine.removeprefix("redis-"))
            proxy.terminate()
            proxy.wait(30)
            results[engine] = ({k: suite.mask(v.encode()).decode() for k, v in outcomes.items()},
                               suite.mask(record.read_bytes()))
            if keep is not None:  # the records, to read the differences whole
                keep.mkdir(parents=True, exist_ok=True)
                (keep / record.name).write_bytes(results[engine][1])
        for engine, reference in (("url", "redis"), ("embedded", "redis-embedded")):
            outcomes, replies = results[engine]
            ref_outcomes, ref = results[reference]
            same = sum(outcomes[t] == ref_outcomes.get(t) for t in outcomes)
            a, b = ref.split(b"\n"), replies.split(b"\n")
            differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
            if len(a) != len(b):
                differ.append((b"%d lines" % len(a), b"%d lines" % len(b)))
            print(f"{suite.name} {engine}: {same}/{len(ref_outcomes)} outcomes as the server's; "
                  f"script replies: {len(a) - len(differ)}/{len(a)} lines identical")
            for x, y in differ[: 20 if verbose else 3]:
                print(f"    redis:   {x[:300]!r}\n    ferrous: {y[:300]!r}")
            for t in sorted(set(outcomes) | set(ref_outcomes)):
                if outcomes.get(t) != ref_outcomes.get(t):
                    print(f"    {t}: redis {ref_outcomes.get(t)!r}, ferrous {outcomes.get(t)!r}")
            ok = ok and not differ and same == len(outcomes) == len(ref_outcomes)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait(30)
    return ok


def qless_suite(src: Path, work: Path) -> Suite | None:
    if not (src / "qless-core/api.lua").exists():
        print(f"qless-core: not run, {src / 'qless-core'} is missing")
        return None
    cwd = prepare_qless(src, work)

    def run(port: int, engine: str) -> dict[str, str]:
        ignore = ["test_tag.py"] + (["test_events.py"] if engine == "embedded" else [])
        return pytest_run(cwd, port, ignore)

    return Suite("qless-core", run, lambda data: DEPENDENCIES.sub(b'"dependencies":<set>',
                                                                  ADDRESS.sub(b"0x<addr>", data)))


CLIENTS = HERE / "redis_clients"
TIMES = re.compile(rb"\b1[6-9]\d{8}(\.\d+|\d{3,})?\b")  # Unix times, in s or ms
UUID = re.compile(rb"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
TIME_LENGTH = re.compile(rb"\$\d+(\r\n<time>)")
HOUR_LEFT = re.compile(rb"\b(35\d{5}|3600000|71\d{5}|7200000)\b")  # PTTLs of hour-long locks


def client_mask(data: bytes) -> bytes:
    """Times, random ids (pottery's uuid4 lock values) and milliseconds left of a lock."""
    data = UUID.sub(b"<uuid>", ADDRESS.sub(b"0x<addr>", data))
    data = HOUR_LEFT.sub(b"<ms left>", TIMES.sub(b"<time>", data))
    return TIME_LENGTH.sub(rb"$<n>\1", data)  # a time's digits vary in number too


def client_suite(name: str, python: str, node_modules: str) -> Suite:
    """A driver of redis_clients/, its printed lines the outcomes: NAME_driver.py run by
    ``python`` (a virtual environment holding ``limits``, ``python-redis-lock``, ``pottery``),
    NAME_driver.js by node with ``node_modules`` (``ioredis``, ``bull``,
    ``rate-limiter-flexible``, ``redis-semaphore``, ``ratelimit.js``)."""
    driver = CLIENTS / f"{name}_driver.py"
    command = [python, str(driver)]
    env = {"PATH": "/usr/bin:/bin"}
    if not driver.exists():
        driver = CLIENTS / f"{name}_driver.js"
        command = ["node", str(driver)]
        env["NODE_PATH"] = node_modules

    def run(port: int, engine: str) -> dict[str, str]:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600,
                              env={**env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"})
        lines = done.stdout.splitlines() + [f"exit {done.returncode} {done.stderr[-300:]}"]
        return {f"{i + 1:03}": line for i, line in enumerate(lines)}

    return Suite(name, run, client_mask)
