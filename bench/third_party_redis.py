"""Real Redis scripts from open-source projects: redis-cli's EVAL against ferrous redis eval.

Usage: uv run python bench/third_party_redis.py [--src DIR] [-v] [FLOW ...]

The scripts are fetched outside the repository (never commit them) under DIR (default
/tmp/qa/src), e.g. BullMQ's ``src/commands/*.lua`` at DIR/bullmq. A flow is a sequence of
script calls as the project's own client makes them (keys, arguments, msgpack-packed options),
written out in FLOWS below. The harness starts its own redis-server on a free port and runs each
flow twice on a flushed database:

* the server's own Lua: each call sent by ``redis-cli`` (``EVAL "<script>" N key ... arg ...``
  on its standard input, as redis-cli quotes a command line);
* ferrous: each call run by ``ferrous redis eval --url redis://127.0.0.1:PORT/0 FILE
  --args-file ARGS`` (the keys and arguments quoted the same way), so the server only runs the
  commands of ``redis.call``.

After each call it compares the printed reply and the whole keyspace (every key, its type, its
value, whether it has a time to live; stream entry ids masked, since XADD * takes the clock).
Exits 1 when something differs. ``--ferrous CMD`` tests another checkout's ferrous.
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
from dataclasses import dataclass
from pathlib import Path

FERROUS = Path(sys.executable).with_name("ferrous")
STREAM_ID = re.compile(rb"\b\d{13}-\d+\b")
NOW = 1700000000000


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
    command: bytes = b""  # a plain command sent by redis-cli in both runs (setup)


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
    move = (p.encode(), str(NOW + 5).encode(), pack({"token": token, "lockDuration": 30000, "name": "w1"}))
    calls.append(Call(cmd + "moveToActive-11.lua", active_keys, move))
    calls.append(Call(cmd + "updateProgress-3.lua", (b"bull:q:2", k["events"], k["meta"]),
                      b(2, '{"percent":50}')))
    calls.append(Call(cmd + "addLog-2.lua", (b"bull:q:2", b"bull:q:2:logs"), b(2, "half way", 2)))
    calls.append(Call(cmd + "addLog-2.lua", (b"bull:q:2", b"bull:q:2:logs"), b(2, "almost", 2)))
    calls.append(Call(cmd + "addLog-2.lua", (b"bull:q:2", b"bull:q:2:logs"), b(2, "done", 2)))
    calls.append(Call(cmd + "extendLock-2.lua", (b"bull:q:2:lock", k["stalled"]), b(token, 30000, 2)))
    finished_keys = tuple(k[x] for x in ("wait", "active", "prioritized", "events", "stalled", "limiter",
                                         "delayed", "paused", "meta", "pc")) + (
        k["completed"], b"bull:q:2", b"bull:q:metrics:completed", k["marker"])
    fin_opts = pack({"token": token, "name": "w1", "keepJobs": {"count": -1}, "lockDuration": 30000,
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
        calls.append(Call("", (), (), command=b"SET temp:%d %s" % (i, b"v" * (i * 7))))
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


FLOWS = {"bullmq": bullmq_flow, "redisdump-functions": redisdump_functions_flow}


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
        out = []
        for key in sorted(self.cli(b"KEYS *").splitlines()):
            kind = self.cli(b"TYPE " + quote(key)).strip()
            if kind == b"none":  # expired since KEYS
                continue
            read = {b"string": b"GET", b"list": b"LRANGE %s 0 -1", b"hash": b"HGETALL",
                    b"set": b"SMEMBERS", b"zset": b"ZRANGE %s 0 -1 WITHSCORES",
                    b"stream": b"XRANGE %s - +"}[kind]
            q = quote(key)
            command = read % q if b"%s" in read else read + b" " + q
            value = self.cli(command)
            if kind == b"set":
                value = b"\n".join(sorted(value.splitlines()))
            ttl = self.cli(b"PTTL " + q).strip()
            out.append(b"%s %s ttl=%s\n%s" % (key, kind, b"yes" if ttl != b"-1" else b"no",
                                               STREAM_ID.sub(b"<id>", value)))
        return out

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def run_flow(name: str, calls: list[Call], src: Path, server: Server, tmp: Path,
             verbose: bool, ferrous: str) -> tuple[int, int]:
    same = 0
    results: dict[str, list[tuple[bytes, list[bytes]]]] = {}
    for engine in ("redis", "ferrous"):
        server.cli(b"FLUSHALL")
        server.cli(b"FUNCTION FLUSH")
        results[engine] = []
        for i, call in enumerate(calls):
            if call.command:
                reply = server.cli(call.command)
                results[engine].append((reply, server.keyspace()))
                continue
            script = expand(src / call.script)
            if call.function and engine == "redis":
                server.cli(b"FUNCTION LOAD REPLACE " + quote(script))
                line = b" ".join([b"FCALL_RO" if call.ro else b"FCALL", call.function.encode(),
                                  str(len(call.keys)).encode(), *map(quote, call.keys),
                                  *map(quote, call.args)])
                reply = server.cli(line)
            elif call.function:
                sfile, afile = tmp / f"{i}.lua", tmp / f"{i}.args"
                sfile.write_bytes(script)
                afile.write_bytes(b"\n".join([*map(quote, call.keys), b",", *map(quote, call.args)]) + b"\n")
                done = subprocess.run([*ferrous.split(), "redis", "fcall", "--raw", "--url",
                                       f"redis://127.0.0.1:{server.port}/0", *(["--ro"] if call.ro else []),
                                       "--args-file", str(afile), str(sfile), call.function],
                                      capture_output=True)
                reply = done.stdout + done.stderr
            elif engine == "redis":
                line = b" ".join([b"EVAL", quote(script), str(len(call.keys)).encode(),
                                  *map(quote, call.keys), *map(quote, call.args)])
                reply = server.cli(line)
            else:
                sfile, afile = tmp / f"{i}.lua", tmp / f"{i}.args"
                sfile.write_bytes(script)
                afile.write_bytes(b"\n".join([*map(quote, call.keys), b",", *map(quote, call.args)]) + b"\n")
                done = subprocess.run([*ferrous.split(), "redis", "eval", "--raw", "--url",
                                       f"redis://127.0.0.1:{server.port}/0",
                                       "--args-file", str(afile), str(sfile)], capture_output=True)
                reply = done.stdout + done.stderr
            results[engine].append((STREAM_ID.sub(b"<id>", reply), server.keyspace()))
    for i, call in enumerate(calls):
        (r1, k1), (r2, k2) = results["redis"][i], results["ferrous"][i]
        what = call.command.decode()[:28] if call.command else (call.function or Path(call.script).name)
        label = f"{name} #{i + 1:<2} {what:28}"
        if r1 == r2 and k1 == k2:
            same += 1
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
    return same, len(calls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flows", nargs="*")
    parser.add_argument("--src", type=Path, default=Path("/tmp/qa/src"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--ferrous", default=str(FERROUS), help="the ferrous command to test")
    args = parser.parse_args(argv)
    shutil.which("redis-server") or sys.exit("redis-server is not on the PATH")
    good = total = 0
    with tempfile.TemporaryDirectory(prefix="third_party_redis.") as name:
        tmp = Path(name)
        server = Server(tmp)
        try:
            for flow, make in FLOWS.items():
                if args.flows and flow not in args.flows:
                    continue
                g, t = run_flow(flow, make(), args.src, server, tmp, args.verbose, args.ferrous)
                good, total = good + g, total + t
        finally:
            server.stop()
    print(f"{good}/{total} calls identical (reply and keyspace)")
    return 0 if good == total else 1


if __name__ == "__main__":
    sys.exit(main())
