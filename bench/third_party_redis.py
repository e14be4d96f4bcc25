"""Real Redis scripts from open-source projects: redis-cli's EVAL against ferrous redis eval.

Usage: uv run python bench/third_party_redis.py [--src DIR] [--engines url,embedded] [-v] [FLOW ...]

The scripts are fetched outside the repository (never commit them) under DIR (default
/tmp/qa/src), e.g. BullMQ's ``src/commands/*.lua`` at DIR/bullmq (the ``fetch`` tool's snapshot
of taskforcesh/bullmq, Albert0i/RedisDump, bee-queue/bee-queue, mike-marcacci/node-redlock,
go-redis/redis_rate, openresty/lua-cjson, seomoz/qless-core, pmeinhardt/redis-functions,
extracted under their names). A flow is a sequence of
script calls as the project's own client makes them (keys, arguments, msgpack-packed options),
written out in FLOWS below. The harness starts its own redis-server on a free port and runs each
flow on a flushed database by the server and by each engine of ferrous:

* the server's own Lua: each call sent by ``redis-cli`` (``EVAL "<script>" N key ... arg ...``
  on its standard input, as redis-cli quotes a command line);
* ``url``: each call run by ``ferrous redis eval --url redis://127.0.0.1:PORT/0 FILE
  --args-file ARGS`` (``ferrous redis fcall --url`` for a function), the keys and arguments
  quoted the same way, so the server only runs the commands of ``redis.call``;
* ``embedded``: ferrous's embedded keyspace, one ``ScriptEngine`` in this process for the whole
  flow, each call as the command a client sends (``EVAL``, ``FUNCTION LOAD REPLACE`` + ``FCALL``).

After each call it compares the printed reply and the whole keyspace (every key, its type, its
value, its OBJECT ENCODING, whether it has a time to live; the members of sets and of
hashtable-encoded hashes sorted, since the server's order follows its random hash seed; stream
entry ids masked, since XADD * takes the clock).
Exits 1 when something differs. ``--ferrous CMD`` tests another checkout's ferrous.
``qless-core`` is no flow but the project's own test suite (243 tests, Python), run through
third_party/redis_suites.py against the server and against ferrous behind a RESP proxy
(third_party/redis_proxy.py), the outcomes and every script reply compared; ``limits``,
``redis_lock`` (python-redis-lock) and ``pottery`` are those Python packages driven through
their own API by third_party/redis_clients/*_driver.py, with ``--client-python`` a Python that
has them (``uv venv /tmp/qa/venv && uv pip install --python /tmp/qa/venv limits
python-redis-lock pottery``); ``bull`` (Bull v3) and ``node_limits`` (rate-limiter-flexible,
redis-semaphore, ratelimit.js) likewise in Node.js, with ``--node-modules`` holding them and
ioredis (``cd /tmp/qa/npm && npm install ioredis bull rate-limiter-flexible redis-semaphore
ratelimit.js``); these run only by name.
BullMQ's ``--- @include "includes/x"`` lines are expanded as its script loader does (each
include once, in order, recursively).
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vm.redis.splitargs import split_args  # noqa: E402

FERROUS = Path(sys.executable).with_name("ferrous")
STREAM_ID = re.compile(rb"\b\d{13}-\d+\b")
NOW = 1700000000000
LOCK_MS = 3_600_000  # locks outlive a slow run (a loaded machine takes seconds per process)


def pack(value: object) -> bytes:
    """MessagePack, as msgpackr packs the client's options (str, int, float, bool, nil, list,
    dict)."""
    if value is None:
        return b"\xc0"
    if value is True:
        return b"\xc3"
    if value is False:
        return b"\xc2"
    if isinstance(value, int):
        if 0 <= value < 128:
            return bytes([value])
        if -32 <= value < 0:
            return struct.pack("b", value)
        if 0 <= value < 2**32:
            return b"\xce" + struct.pack(">I", value)
        if 0 <= value < 2**64:
            return b"\xcf" + struct.pack(">Q", value)
        return b"\xd3" + struct.pack(">q", value)
    if isinstance(value, float):
        return b"\xcb" + struct.pack(">d", value)
    if isinstance(value, str):
        data = value.encode()
        if len(data) < 32:
            return bytes([0xA0 | len(data)]) + data
        if len(data) < 256:
            return b"\xd9" + bytes([len(data)]) + data
        return b"\xda" + struct.pack(">H", len(data)) + data
    if isinstance(value, list):
        head = bytes([0x90 | len(value)]) if len(value) < 16 else b"\xdc" + struct.pack(">H", len(value))
        return head + b"".join(pack(v) for v in value)
    if isinstance(value, dict):
        head = bytes([0x80 | len(value)]) if len(value) < 16 else b"\xde" + struct.pack(">H", len(value))
        return head + b"".join(pack(k) + pack(v) for k, v in value.items())
    raise TypeError(type(value))


@dataclass(frozen=True, slots=True)
class Call:
    script: str  # relative to DIR; a function library when ``function`` is set
    keys: tuple[bytes, ...]
    args: tuple[bytes, ...]
    function: str = ""  # FCALL this function of the library (FUNCTION LOAD REPLACE first)
    ro: bool = False  # FCALL_RO
    command: bytes = b""  # a plain command (setup), as redis-cli's command line
    body: bytes = b""  # the script itself, when it lives inside another language's source


def b(*words: object) -> tuple[bytes, ...]:
    return tuple(w if isinstance(w, bytes) else str(w).encode() for w in words)


def bullmq_flow() -> list[Call]:
    """A queue's life as BullMQ's Queue and Worker drive it: jobs added (standard, prioritized,
    delayed, LIFO), counted and listed, one taken by a worker, its progress and log updated,
    finished, its state asked, another removed, the queue paused and drained."""
    p = "bull:q:"
    k = {n: (p + n).encode() for n in ("wait", "paused", "meta", "id", "completed", "delayed",
                                        "active", "events", "marker", "prioritized", "pc",
                                        "stalled", "limiter", "failed", "waiting-children",
                                        "repeat", "de")}
    cmd = "bullmq/src/commands/"
    calls: list[Call] = []

    def add(kind: str, name: str, data: str, opts: dict, job_id: str = "") -> None:
        args = [p, job_id, name, NOW, None, None, None, None, None]
        if kind == "standard":
            keys = ("wait", "paused", "meta", "id", "completed", "delayed", "active", "events", "marker")
            script = "addStandardJob-9.lua"
        elif kind == "prioritized":
            keys = ("marker", "meta", "id", "prioritized", "delayed", "completed", "active", "events", "pc")
            script = "addPrioritizedJob-9.lua"
        else:
            keys = ("marker", "meta", "id", "delayed", "completed", "events")
            script = "addDelayedJob-6.lua"
        calls.append(Call(cmd + script, tuple(k[x] for x in keys), (pack(args), data.encode(), pack(opts))))

    add("standard", "email", '{"to":"a@example.org","n":1}',
        {"attempts": 3, "backoff": {"type": "fixed", "delay": 10}})
    add("standard", "email", '{"to":"b@example.org","n":2}', {"lifo": True})
    add("standard", "sms", '{"to":"+100"}', {"removeOnComplete": True}, job_id="custom-7")
    add("prioritized", "report", '{"year":2024,"q":[1,2,3]}', {"priority": 5})
    add("prioritized", "report", '{"year":2023}', {"priority": 1})
    add("delayed", "reminder", '{"in":"1m"}', {"delay": 60000})
    add("standard", "email", '{"dup":true}', {}, job_id="custom-7")  # duplicate id
    counts = ("wait", "paused", "active", "completed", "failed", "delayed", "prioritized", "waiting-children")
    calls.append(Call(cmd + "getCounts-1.lua", (p.encode(),), b(*counts)))
    calls.append(Call(cmd + "getRanges-1.lua", (p.encode(),), b(0, -1, 1, "wait", "prioritized", "delayed")))
    active_keys = tuple(k[x] for x in ("wait", "active", "prioritized", "events", "stalled", "limiter",
                                       "delayed", "paused", "meta", "pc", "marker"))
    token = "worker-1:0"
    move = (p.encode(), str(NOW + 5).encode(), pack({"token": token, "lockDuration": LOCK_MS, "name": "w1"}))
    calls.append(Call(cmd + "moveToActive-11.lua", active_keys, move))
    calls.append(Call(cmd + "updateProgress-3.lua", (b"bull:q:2", k["events"], k["meta"]),
                      b(2, '{"percent":50}')))
    calls.append(Call(cmd + "addLog-2.lua", (b"bull:q:2", b"bull:q:2:logs"), b(2, "half way", 2)))
    calls.append(Call(cmd + "addLog-2.lua", (b"bull:q:2", b"bull:q:2:logs"), b(2, "almost", 2)))
    calls.append(Call(cmd + "addLog-2.lua", (b"bull:q:2", b"bull:q:2:logs"), b(2, "done", 2)))
    calls.append(Call(cmd + "extendLock-2.lua", (b"bull:q:2:lock", k["stalled"]), b(token, LOCK_MS, 2)))
    finished_keys = tuple(k[x] for x in ("wait", "active", "prioritized", "events", "stalled", "limiter",
                                         "delayed", "paused", "meta", "pc")) + (
        k["completed"], b"bull:q:2", b"bull:q:metrics:completed", k["marker"])
    fin_opts = pack({"token": token, "name": "w1", "keepJobs": {"count": -1}, "lockDuration": LOCK_MS,
                     "attempts": 1, "maxMetricsSize": "", "fpof": False, "cpof": False, "idof": False,
                     "rdof": False})
    calls.append(Call(cmd + "moveToFinished-14.lua", finished_keys,
                      (b"2", str(NOW + 9).encode(), b"returnvalue", b'{"sent":true}', b"completed", b"1",
                       p.encode(), fin_opts)))
    state_keys = tuple(k[x] for x in ("completed", "failed", "delayed", "active", "wait", "paused",
                                      "waiting-children", "prioritized"))
    for job in ("1", "2", "4", "6", "nope"):
        calls.append(Call(cmd + "getState-8.lua", state_keys, (job.encode(),)))
    calls.append(Call(cmd + "getCounts-1.lua", (p.encode(),), b(*counts)))
    calls.append(Call(cmd + "removeJob-2.lua", (b"bull:q:1", k["repeat"]), b(1, 1, p)))
    calls.append(Call(cmd + "isFinished-3.lua", (k["completed"], k["failed"], b"bull:q:2"), b(2, 1)))
    calls.append(Call(cmd + "pause-7.lua", tuple(k[x] for x in ("wait", "paused", "meta", "prioritized",
                                                                "events", "delayed", "marker")), b("paused")))
    calls.append(Call(cmd + "getCounts-1.lua", (p.encode(),), b(*counts)))
    calls.append(Call(cmd + "drain-5.lua", tuple(k[x] for x in ("wait", "paused", "delayed", "prioritized",
                                                                "repeat")), b(p, 1)))
    calls.append(Call(cmd + "getCounts-1.lua", (p.encode(),), b(*counts)))
    calls.append(Call(cmd + "obliterate-2.lua", (k["meta"], p.encode()), b(1000, 1)))
    return calls


def redisdump_functions_flow() -> list[Call]:
    """A Redis 7 function library (Albert0i/RedisDump's mylib) called as its comments show."""
    lib = "RedisDump/src/lua/myLib.lua"
    calls = [Call(lib, (), (), function="ver", ro=True),
             Call(lib, b("1754022140.809510"), (), function="formatTS", ro=True),
             Call(lib, b("1754022140.809510", "-5"), (), function="formatTS", ro=True),
             Call(lib, b("not a time"), (), function="formatTS", ro=True),
             Call(lib, b("Hello, World!"), (), function="log", ro=True),
             Call(lib, (), (), function="log", ro=True)]
    for i in range(12):
        calls.append(Call("", (), (), command=b"SET temp:%d \"%s\"" % (i, b"v" * (i * 7))))
    calls += [Call("", (), (), command=b"HSET fts:doc:1 title hello body world"),
              Call(lib, b("temp:*"), (), function="countKeys", ro=True),
              Call(lib, b("fts:*"), (), function="countKeys", ro=True),
              Call(lib, (), (), function="countKeys", ro=True),
              Call(lib, b("testz", "a", "b", "c", "a", "d", "a"), (), function="zAddIncr"),
              Call(lib, b("testz"), (), function="zSumScore", ro=True),
              Call(lib, b("testz"), (), function="zAddIncr", ro=True),  # a write under FCALL_RO
              Call(lib, b("temp:1*"), (), function="expireall"),
              Call(lib, b("temp:*"), (), function="delall"),
              Call(lib, b("temp:*"), (), function="countKeys", ro=True),
              Call(lib, b("nothing"), (), function="nosuchfunction")]
    return calls


def redis_functions_flow() -> list[Call]:
    """pmeinhardt/redis-functions' three Redis 7 libraries as their comments and tests call them:
    hello (a default argument), colors (RGBA packed with bit.* into one integer: 255 in the top
    byte makes it negative; strings and missing arguments as numbers; argument count errors) and
    ranking (scores encoded with TIME as the tie-breaker: rkincrby, rkscore, rkrank, rkrange;
    the encoded scores differ from run to run, masked; rounding of a fractional score)."""
    m = "redis-functions/modules/"
    calls = [Call(m + "hello.lua", (), (), function="hello"),
             Call(m + "hello.lua", (), b("Redis"), function="hello"),
             Call(m + "colors.lua", b("c1"), b(255, 128, 0), function="csetrgb"),
             Call(m + "colors.lua", b("c1"), (), function="cgetrgb"),
             Call(m + "colors.lua", b("c1"), (), function="cgetrgba"),
             Call(m + "colors.lua", b("c2"), b(1, 2, 3, 4), function="csetrgba"),
             Call(m + "colors.lua", b("c2"), (), function="cgetrgba"),
             Call(m + "colors.lua", b("c3"), (), function="csetrgba"),
             Call(m + "colors.lua", b("c3"), (), function="cgetrgb"),
             Call(m + "colors.lua", b("c4"), b(255, 255, 255, 255), function="csetrgba"),
             Call(m + "colors.lua", b("c4"), (), function="cgetrgba"),
             Call(m + "colors.lua", b("c5"), b("0x10", "1e1", " 7"), function="csetrgb"),
             Call(m + "colors.lua", b("c5"), (), function="cgetrgb"),
             Call(m + "colors.lua", b("c6"), b("red"), function="csetrgb"),
             Call(m + "colors.lua", b("c1", "c2"), (), function="cgetrgb"),
             Call(m + "colors.lua", b("c1"), b(1, 2, 3, 4, 5), function="csetrgba"),
             Call(m + "colors.lua", b("none"), (), function="cgetrgb"),
             Call(m + "colors.lua", b("c1"), (), function="cgetrgb", ro=True)]
    # no equal scores: their order would follow TIME's second, how long a call takes
    for score, member in ((4, "a"), (3, "b"), (2, "c"), (5, "d"), (1000000, "e"), (-5, "f"), (7.6, "g")):
        calls.append(Call(m + "ranking.lua", b("board"), b(score, member), function="rkincrby"))
    for member in ("a", "d", "e", "f", "g", "nobody"):
        calls.append(Call(m + "ranking.lua", b("board"), b(member), function="rkscore", ro=True))
        calls.append(Call(m + "ranking.lua", b("board"), b(member), function="rkrank", ro=True))
    calls += [Call(m + "ranking.lua", b("board"), b(0, -1), function="rkrange", ro=True),
              Call(m + "ranking.lua", b("board"), b(1, 2), function="rkrange", ro=True),
              Call(m + "ranking.lua", b("board"), b(1, "d"), function="rkincrby"),
              Call(m + "ranking.lua", b("board"), b(0, 2), function="rkrange", ro=True),
              Call(m + "ranking.lua", b("board"), b("x", "d"), function="rkincrby"),
              Call(m + "ranking.lua", b("board"), b(1), function="rkincrby"),
              Call(m + "ranking.lua", b("board"), b(1, "d"), function="rkincrby", ro=True)]
    return calls


def embedded_script(path: Path, name: str) -> bytes:
    """A script held in a template or raw string of JS/TS/Go source: ``NAME = `...```` or
    ``NAME = redis.NewScript(`...`)``."""
    m = re.search(rb"\b" + name.encode() + rb"\s*=\s*(?:redis\.NewScript\()?`(.*?)`", path.read_bytes(), re.S)
    if m is None:
        raise SystemExit(f"{name} not found in {path}")
    return m.group(1)


def command(line: str) -> Call:
    return Call("", (), (), command=line.encode())


def beequeue_flow() -> list[Call]:
    """bee-queue's Lua scripts as its Queue and Job call them (lib/queue.js, lib/job.js): jobs
    saved with and without ids, delayed jobs raised, a worker's BRPOPLPUSH to active, the stall
    check twice, jobs removed."""
    p = "bq:q:"
    k = {n: (p + n).encode() for n in ("id", "jobs", "waiting", "active", "delayed", "earlierDelayed",
                                        "stallBlock", "stalling", "succeeded", "failed")}
    lua = "bee-queue/lib/lua/"
    calls: list[Call] = []

    def add(job_id: str, data: str) -> None:
        calls.append(Call(lua + "addJob.lua", (k["id"], k["jobs"], k["waiting"]), b(job_id, data)))

    def delayed(job_id: str, data: str, at: int) -> None:
        calls.append(Call(lua + "addDelayedJob.lua", (k["id"], k["jobs"], k["delayed"], k["earlierDelayed"]),
                          b(job_id, data, at)))

    add("", '{"data":{"x":1},"options":{"timestamp":1700000000000,"stacktraces":[]},"status":"created"}')
    add("", '{"data":{"x":2},"options":{},"status":"created"}')
    add("custom", '{"data":"c","options":{},"status":"created"}')
    add("custom", '{"data":"dup","options":{},"status":"created"}')  # exists: nil
    delayed("", '{"data":{"later":1},"options":{"delay":1700000005000}}', 1700000005000)
    delayed("", '{"data":{"later":2},"options":{"delay":1700000003000}}', 1700000003000)  # new head
    delayed("", '{"data":{"later":3},"options":{"delay":1700000009000}}', 1700000009000)
    delayed("d1", '{"data":{"later":4},"options":{}}', 1700000003000)
    raise_keys = (k["delayed"], k["waiting"])
    calls.append(Call(lua + "raiseDelayedJobs.lua", raise_keys, b(1700000001000, 1000)))
    calls.append(Call(lua + "raiseDelayedJobs.lua", raise_keys, b(1700000004000, 1000)))
    calls.append(Call(lua + "raiseDelayedJobs.lua", raise_keys, b(1700000004000, 10000)))
    calls.append(command("RPOPLPUSH bq:q:waiting bq:q:active"))
    calls.append(command("RPOPLPUSH bq:q:waiting bq:q:active"))
    stall = (k["stallBlock"], k["stalling"], k["waiting"], k["active"])
    calls.append(Call(lua + "checkStalledJobs.lua", stall, b(3_600_000)))
    calls.append(Call(lua + "checkStalledJobs.lua", stall, b(3_600_000)))  # blocked: {}
    calls.append(command("DEL bq:q:stallBlock"))
    calls.append(Call(lua + "checkStalledJobs.lua", stall, b(3_600_000)))  # the active ones stalled
    remove = (k["succeeded"], k["failed"], k["waiting"], k["active"], k["stalling"], k["jobs"], k["delayed"])
    calls.append(command("SADD bq:q:succeeded 2"))
    for job in ("1", "2", "custom", "4", "nope"):
        calls.append(Call(lua + "removeJob.lua", remove, b(job)))
    calls.append(Call(lua + "raiseDelayedJobs.lua", raise_keys, b(1800000000000, 1000)))
    return calls


def redlock_flow(src: Path) -> list[Call]:
    """node-redlock's acquire, extend and release scripts (src/index.ts) on one and on several
    resources, with a competing holder."""
    ts = src / "node-redlock/src/index.ts"
    acquire, extend, release = (embedded_script(ts, n) for n in ("ACQUIRE_SCRIPT", "EXTEND_SCRIPT",
                                                                 "RELEASE_SCRIPT"))
    ms = str(LOCK_MS).encode()
    one, two = (b"locks:a",), (b"locks:a", b"locks:b", b"locks:c")
    return [Call("ACQUIRE_SCRIPT", one, (b"v1", ms), body=acquire),
            Call("ACQUIRE_SCRIPT", one, (b"v2", ms), body=acquire),  # held: 0
            Call("ACQUIRE_SCRIPT", two, (b"v2", ms), body=acquire),  # one of them held: 0
            Call("EXTEND_SCRIPT", one, (b"v2", ms), body=extend),  # not ours: 0
            Call("EXTEND_SCRIPT", one, (b"v1", b"%d" % (LOCK_MS * 2)), body=extend),
            Call("RELEASE_SCRIPT", two, (b"v1", ms), body=release),  # releases a only
            Call("ACQUIRE_SCRIPT", two, (b"v2", ms), body=acquire),
            Call("EXTEND_SCRIPT", two, (b"v2", ms), body=extend),
            Call("EXTEND_SCRIPT", (b"locks:b",), (b"v2", b"not a number"), body=extend),  # SET PX error
            Call("RELEASE_SCRIPT", two, (b"v1", ms), body=release),
            Call("RELEASE_SCRIPT", two, (b"v2", ms), body=release),
            Call("ACQUIRE_SCRIPT", (), (b"v2", ms), body=acquire)]  # no keys: 0 entries


def redis_rate_flow(src: Path) -> list[Call]:
    """go-redis/redis_rate's GCRA scripts (allowN, allowAtMost in lua.go) as Limiter.Allow,
    AllowN and AllowAtMost call them: burst 5, 10 per hour, so the answers do not depend on how
    long a run takes (the times they print are masked)."""
    go = src / "redis_rate/lua.go"
    allow_n, at_most = embedded_script(go, "allowN"), embedded_script(go, "allowAtMost")
    key = (b"rate:user:1",)
    calls = [Call("allowN", key, b(5, 10, 3600, 1), body=allow_n) for _ in range(3)]
    calls += [Call("allowN", key, b(5, 10, 3600, 3), body=allow_n),  # over the burst: refused
              Call("allowAtMost", key, b(5, 10, 3600, 4), body=at_most),
              Call("allowAtMost", key, b(5, 10, 3600, 1), body=at_most),
              Call("allowN", (b"rate:user:2",), b(5, 10, 3600, 0), body=allow_n),  # a peek: nothing stored
              Call("allowN", (b"rate:user:3",), b(2, 1, 3600, 1), body=allow_n),
              Call("allowN", (b"rate:user:3",), b("x", 1, 3600, 1), body=allow_n)]  # a bad burst
    return calls


def cjson_tests_flow(src: Path) -> list[Call]:
    """lua-cjson's own tests/test.lua (openresty/lua-cjson) inside one EVAL, against the cjson
    Redis bundles, through bench/third_party/cjson_tests_redis.lua (stand-ins for io, require,
    os.setlocale; the data files as arguments; utf8.dat made by the repository's genutf8.pl).
    Its output is 19 MB and lua5.1 cannot run it (no cjson here): slow, so run only by name."""
    tests = src / "lua-cjson/tests"
    if not (tests / "utf8.dat").exists():
        subprocess.run(["perl", "genutf8.pl"], cwd=tests, check=True)
    args = [(tests / "test.lua").read_bytes(), (src / "lua-cjson/lua/cjson/util.lua").read_bytes()]
    for f in ["octets-escaped.dat", "utf8.dat", *sorted(p.name for p in tests.glob("*.json"))]:
        args += [f.encode(), (tests / f).read_bytes()]
    body = (Path(__file__).resolve().parent / "third_party/cjson_tests_redis.lua").read_bytes()
    return [Call("lua-cjson tests/test.lua", (), tuple(args), body=body)]


FLOWS = {"bullmq": lambda src: bullmq_flow(), "redisdump-functions": lambda src: redisdump_functions_flow(),
         "bee-queue": lambda src: beequeue_flow(), "redlock": redlock_flow, "redis_rate": redis_rate_flow,
         "redis-functions": lambda src: redis_functions_flow()}
SLOW = {"lua-cjson": cjson_tests_flow}  # run only when named
# a project's own test suite, or its client library driven through its API
# (third_party/redis_clients/NAME_driver.py), through third_party/redis_suites.py
SUITES = ("qless-core", "limits", "redis_lock", "pottery", "bull", "node_limits")
MASKS = {"redis_rate": re.compile(rb"\b\d+\.\d+(e[-+]\d+)?\b"),
         "redis-functions": re.compile(rb"-?\b\d{13,}\b")}  # ranking's scores with the time in them


def expand(path: Path, seen: set[Path] | None = None) -> bytes:
    """BullMQ's script loader: ``--- @include "x"`` becomes x.lua's text, each file once."""
    seen = set() if seen is None else seen
    out = []
    for line in path.read_bytes().splitlines(keepends=True):
        m = re.match(rb'^--- @include "([^"]+)"', line)
        if m:
            inc = (path.parent / (m.group(1).decode() + ".lua")).resolve()
            if inc not in seen:
                seen.add(inc)
                out.append(expand(inc, seen))
            continue
        out.append(line)
    return b"".join(out)


def quote(word: bytes) -> bytes:
    """A word as redis-cli splits a command line: double-quoted with \\xHH escapes."""
    out = bytearray(b'"')
    for c in word:
        if c in (0x22, 0x5C):
            out += b"\\" + bytes([c])
        elif 0x20 <= c < 0x7F:
            out.append(c)
        else:
            out += b"\\x%02x" % c
    return bytes(out + b'"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keyspace(send: Callable[[list[bytes]], bytes]) -> list[bytes]:
    """Every key, its type, its value and whether it has a time to live, read by ``send``
    (one command -> redis-cli's raw output)."""
    out = []
    for key in sorted(send([b"KEYS", b"*"]).splitlines()):
        kind = send([b"TYPE", key]).strip()
        if kind == b"none":  # expired since KEYS
            continue
        read = {b"string": [b"GET"], b"list": [b"LRANGE", b"%s", b"0", b"-1"], b"hash": [b"HGETALL"],
                b"set": [b"SMEMBERS"], b"zset": [b"ZRANGE", b"%s", b"0", b"-1", b"WITHSCORES"],
                b"stream": [b"XRANGE", b"%s", b"-", b"+"]}[kind]
        command = [key if w == b"%s" else w for w in read] if b"%s" in read else [*read, key]
        value = send(command)
        encoding = send([b"OBJECT", b"ENCODING", key]).strip()
        if encoding == b"hashtable" or kind == b"set":
            # a dict's order follows the server's random hash seed: not comparable
            lines = value.splitlines()
            if kind == b"hash":
                lines = [b"%s\n%s" % pair for pair in sorted(zip(lines[::2], lines[1::2], strict=False))]
            value = b"\n".join(sorted(lines))
        ttl = send([b"PTTL", key]).strip()
        out.append(b"%s %s %s ttl=%s\n%s" % (key, kind, encoding, b"yes" if ttl != b"-1" else b"no",
                                              STREAM_ID.sub(b"<id>", value)))
    return out


class Embedded:
    """ferrous's embedded keyspace in this process: one ScriptEngine for the whole flow, every
    command (EVAL, FUNCTION LOAD, FCALL, plain ones) through ``ScriptEngine.command``, replies
    printed as ``ferrous redis eval --raw`` prints them."""

    def __init__(self) -> None:
        from vm.redis.engine import ScriptEngine

        self.engine = ScriptEngine()

    def send(self, argv: list[bytes]) -> bytes:
        from ferrous_repl.redis_output import format_raw

        return format_raw(self.engine.command(list(argv)))

    def close(self) -> None:
        self.engine.close()


class Server:
    def __init__(self, tmp: Path) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(tmp)], stdout=subprocess.DEVNULL)
        for _ in range(100):
            if self.cli(b"PING").strip() == b"PONG":
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def cli(self, line: bytes) -> bytes:
        return subprocess.run(["redis-cli", "-p", str(self.port)], input=line + b"\n",
                              capture_output=True).stdout

    def keyspace(self) -> list[bytes]:
        return keyspace(lambda argv: self.cli(b" ".join(map(quote, argv))))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


REDIS_LOG = re.compile(rb"(?m)^redis\.log\(\w+\): .*\n?")  # the server writes these to its log


def call_argv(call: Call, script: bytes) -> list[bytes]:
    """The command a client sends for one call (FUNCTION LOAD REPLACE comes first for functions)."""
    if call.function:
        return [b"FCALL_RO" if call.ro else b"FCALL", call.function.encode(),
                str(len(call.keys)).encode(), *call.keys, *call.args]
    return [b"EVAL", script, str(len(call.keys)).encode(), *call.keys, *call.args]


def run_engine(engine: str, calls: list[Call], src: Path, server: Server, tmp: Path,
               ferrous: str) -> list[tuple[bytes, list[bytes]]]:
    """Each call's printed reply and the keyspace after it, for one engine: ``redis`` (the
    server's own Lua through redis-cli), ``url`` (``ferrous redis eval/fcall --url`` on the same
    server) or ``embedded`` (ferrous's embedded keyspace in this process)."""
    server.cli(b"FLUSHALL")
    server.cli(b"FUNCTION FLUSH")
    embedded = Embedded() if engine == "embedded" else None

    def send(argv: list[bytes]) -> bytes:
        if embedded is not None:
            return embedded.send(argv)
        return server.cli(b" ".join(map(quote, argv)))

    out = []
    try:
        for i, call in enumerate(calls):
            if call.command:
                argv = split_args(call.command) or []
                out.append((send(argv), keyspace(send)))
                continue
            script = call.body or expand(src / call.script)
            if engine == "url":
                sfile, afile = tmp / f"{i}.lua", tmp / f"{i}.args"
                sfile.write_bytes(script)
                afile.write_bytes(b"\n".join([*map(quote, call.keys), b",", *map(quote, call.args)]) + b"\n")
                words = (["fcall", *(["--ro"] if call.ro else [])] if call.function else ["eval"])
                # no time limit: redis-server never kills a script on time (a loaded machine
                # takes more than ferrous's default 5 s for lua-cjson's suite)
                done = subprocess.run([*ferrous.split(), "redis", *words, "--raw", "--time-limit", "0",
                                       "--url", f"redis://127.0.0.1:{server.port}/0",
                                       "--args-file", str(afile),
                                       str(sfile), *([call.function] if call.function else [])],
                                      capture_output=True)
                reply = done.stdout + REDIS_LOG.sub(b"", done.stderr)
            else:
                if call.function:
                    send([b"FUNCTION", b"LOAD", b"REPLACE", script])
                reply = send(call_argv(call, script))
            out.append((STREAM_ID.sub(b"<id>", reply), keyspace(send)))
    finally:
        if embedded is not None:
            embedded.close()
    return out


def run_flow(name: str, calls: list[Call], src: Path, server: Server, tmp: Path,
             verbose: bool, ferrous: str, engines: list[str]) -> dict[str, int]:
    """The flow on the server, then on each ferrous engine; prints each call's verdict."""
    results = {e: run_engine(e, calls, src, server, tmp, ferrous) for e in ["redis", *engines]}
    mask = MASKS.get(name)
    if mask is not None:
        results = {e: [(mask.sub(b"<n>", r), [mask.sub(b"<n>", x) for x in k]) for r, k in rs]
                   for e, rs in results.items()}
    same = dict.fromkeys(engines, 0)
    for engine in engines:
        for i, call in enumerate(calls):
            (r1, k1), (r2, k2) = results["redis"][i], results[engine][i]
            what = call.command.decode()[:28] if call.command else (call.function or Path(call.script).name)
            label = f"{name:8} {engine:8} #{i + 1:<2} {what:28}"
            if r1 == r2 and k1 == k2:
                same[engine] += 1
                if verbose:
                    print(f"{label} identical  {r1[:60]!r}")
                continue
            if r1 != r2:
                print(f"{label} REPLY DIFFERS\n    redis:   {r1[:400]!r}\n    ferrous: {r2[:400]!r}")
            if k1 != k2:
                for a, c in zip(k1 + [b"<none>"] * len(k2), k2 + [b"<none>"] * len(k1), strict=False):
                    if a != c:
                        print(f"{label} KEYSPACE DIFFERS\n    redis:   {a[:400]!r}\n    ferrous: {c[:400]!r}")
                        if not verbose:
                            break
        print(f"{name} {engine}: {same[engine]}/{len(calls)} calls identical")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flows", nargs="*")
    parser.add_argument("--src", type=Path, default=Path("/tmp/qa/src"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--ferrous", default=str(FERROUS), help="the ferrous command to test")
    parser.add_argument("--client-python", default="/tmp/qa/venv/bin/python",
                        help="a Python with the client packages of the driven suites")
    parser.add_argument("--node-modules", default="/tmp/qa/npm/node_modules",
                        help="node_modules with the client packages of the driven Node.js suites")
    parser.add_argument("--keep", type=Path, help="write the driven suites' masked script replies here")
    parser.add_argument("--engines", default="url,embedded",
                        help="ferrous engines to compare with the server: url, embedded")
    args = parser.parse_args(argv)
    engines = args.engines.split(",")
    shutil.which("redis-server") or sys.exit("redis-server is not on the PATH")
    good = dict.fromkeys(engines, 0)
    total = 0
    absent: list[str] = []
    suites_ok = True
    for suite in SUITES:
        if suite in args.flows:
            sys.path.insert(0, str(Path(__file__).resolve().parent / "third_party"))
            import redis_suites as rs

            with tempfile.TemporaryDirectory(prefix="third_party_redis.") as name:
                made = (rs.qless_suite(args.src, Path(name)) if suite == "qless-core"
                        else rs.client_suite(suite, args.client_python, args.node_modules))
                suites_ok = (made is not None and rs.run_suite(made, Path(name), args.verbose, args.keep)
                             and suites_ok)
    if args.flows and all(f in SUITES for f in args.flows):
        return 0 if suites_ok else 1
    with tempfile.TemporaryDirectory(prefix="third_party_redis.") as name:
        tmp = Path(name)
        server = Server(tmp)
        try:
            for flow, make in {**FLOWS, **SLOW}.items():
                if (args.flows or flow in SLOW) and flow not in args.flows:
                    continue
                try:
                    calls = make(args.src)
                    same = run_flow(flow, calls, args.src, server, tmp, args.verbose, args.ferrous,
                                    engines)
                except FileNotFoundError as missing:  # the project is not fetched under --src
                    print(f"{flow}: not run, {missing.filename} is missing (fetch the project "
                          f"under {args.src}, see this script's docstring)")
                    absent.append(flow)
                    continue
                total += len(calls)
                for e in engines:
                    good[e] += same[e]
        finally:
            server.stop()
    for e in engines:
        print(f"{e}: {good[e]}/{total} calls identical (reply and keyspace)")
    if absent:
        print(f"not run (sources missing): {', '.join(absent)}")
    return 0 if all(good[e] == total for e in engines) and not absent and suites_ok else 1


if __name__ == "__main__":
    sys.exit(main())
