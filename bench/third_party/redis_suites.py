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


def run_qless(src: Path, work: Path, verbose: bool) -> bool:
    """The suite on the server, on ferrous --url and on ferrous embedded; True when the outcomes
    and the script replies are the same."""
    if not (src / "qless-core/api.lua").exists():
        print(f"qless-core: not run, {src / 'qless-core'} is missing")
        return False
    cwd = prepare_qless(src, work)
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
        # (proxy options, files left out); each ferrous run is compared with the server's run
        # of the same tests
        real = ["--url", servers[0], "--passthrough"]
        runs = {"redis": (real, ["test_tag.py"]),
                "redis-no-pubsub": (real, ["test_tag.py", "test_events.py"]),
                "url": (["--url", servers[1]], ["test_tag.py"]),
                "embedded": ([], ["test_tag.py", "test_events.py"])}
        results = {}
        for engine, (extra, ignore) in runs.items():
            subprocess.run(["redis-cli", "-u", servers[0], "SCRIPT", "FLUSH"], capture_output=True,
                           check=True)
            port = free_port()
            record = work / f"{engine}.replies"
            proxy = subprocess.Popen([sys.executable, str(PROXY), "--port", str(port),
                                      "--record", str(record), *extra], stdout=subprocess.DEVNULL)
            procs.append(proxy)
            wait_port(port, proxy)
            outcomes = pytest_run(cwd, port, ignore)
            proxy.terminate()
            proxy.wait(30)
            results[engine] = (outcomes, record.read_bytes())
        for engine, reference in (("url", "redis"), ("embedded", "redis-no-pubsub")):
            outcomes, replies = results[engine]
            ref_outcomes, ref = results[reference]
            same_tests = sum(outcomes[t] == ref_outcomes.get(t) for t in outcomes)
            a, b = _mask(ref).split(b"\n"), _mask(replies).split(b"\n")
            differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
            if len(a) != len(b):
                differ.append((b"%d lines" % len(a), b"%d lines" % len(b)))
            passed = sum(v == "passed" for v in outcomes.values())
            print(f"qless-core {engine}: {same_tests}/{len(outcomes)} tests with the server's outcome "
                  f"({passed} passed); script replies: {len(a) - len(differ)}/{len(a)} lines identical")
            for x, y in differ[: 20 if verbose else 3]:
                print(f"    redis:   {x[:300]!r}\n    ferrous: {y[:300]!r}")
            for t in sorted(set(outcomes) | set(ref_outcomes)):
                if outcomes.get(t) != ref_outcomes.get(t):
                    print(f"    {t}: redis {ref_outcomes.get(t)}, ferrous {outcomes.get(t)}")
            ok = ok and not differ and same_tests == len(outcomes) == len(ref_outcomes)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait(30)
    return ok


def _mask(replies: bytes) -> bytes:
    return DEPENDENCIES.sub(b'"dependencies":<set>', ADDRESS.sub(b"0x<addr>", replies))

