"""A RESP server in front of ferrous's ScriptEngine, so a project's own test suite (written
against a Redis client) runs its scripts on the ferrous VM.

Usage: uv run python bench/third_party/redis_proxy.py --port P [--url redis://127.0.0.1:Q/0]
       [--passthrough] [--record FILE]

With ``--url`` the scripting commands (EVAL, EVALSHA, SCRIPT, FUNCTION, FCALL and their _RO
forms) run in ferrous with the server as their keyspace, and every other command goes to that
server on a connection of the client's own (so SELECT, HELLO and the pub/sub mode stay the
client's; a client that subscribes is piped to the server from then on). Without it every
command runs on ferrous's embedded keyspace, pub/sub refused. One engine serves all clients,
one command at a time, as the server's single thread does. ``--passthrough`` sends everything,
scripts too, to the server (the reference run); ``--record FILE`` writes each scripting command
and the bytes of its reply, so that runs can be compared byte for byte.

This is a test harness (bench/third_party_redis.py's ``--suite``), not a server to deploy.
"""

from __future__ import annotations

import argparse
import socket
import socketserver
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from vm.redis.engine import ScriptEngine  # noqa: E402
from vm.redis.keyspace import open_keyspace  # noqa: E402
from vm.redis.reply import ErrorReply, Map, Status  # noqa: E402
from vm.redis.resp import encode, pack_command, parse_reply  # noqa: E402

SCRIPTING = {b"eval", b"evalsha", b"eval_ro", b"evalsha_ro", b"script", b"function", b"fcall",
             b"fcall_ro"}
SUBSCRIBE = {b"subscribe", b"psubscribe", b"ssubscribe", b"monitor"}


class Stream:
    """RESP reading on a socket file: the two primitives ``parse_reply`` wants."""

    def __init__(self, sock: socket.socket) -> None:
        self.file = sock.makefile("rb")

    def readline(self) -> bytes:
        line = self.file.readline()
        if not line:
            raise EOFError
        return line[:-2] if line.endswith(b"\r\n") else line.rstrip(b"\n")

    def read(self, n: int) -> bytes:
        data = self.file.read(n + 2)
        if len(data) < n + 2:
            raise EOFError
        return data[:n]

    def next(self) -> object:
        return parse_reply(self.readline, self.read)


def pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def hello(argv: list[bytes]) -> object:
    """HELLO [2|3] as Redis answers it (fakeredis's reply is a flat list, which a RESP3 client
    such as redis-py 6 cannot read); AUTH and SETNAME options are not taken."""
    if len(argv) > 2:
        return ErrorReply(b"ERR ferrous proxy: HELLO takes only a protocol version here")
    if len(argv) == 2 and argv[1] not in (b"2", b"3"):
        return ErrorReply(b"NOPROTO unsupported protocol version")
    proto = int(argv[1]) if len(argv) == 2 else 2
    return Map(((b"server", b"redis"), (b"version", b"7.0.15"), (b"proto", proto), (b"id", 1),
                (b"mode", b"standalone"), (b"role", b"master"), (b"modules", [])))


class Handler(socketserver.BaseRequestHandler):
    server: Proxy

    def handle(self) -> None:
        client = Stream(self.request)
        self.upstream = self.up_stream = None
        self.proto = 2
        queued: list[list[bytes]] | None = None  # inside MULTI
        if self.server.upstream is not None:
            self.upstream = socket.create_connection(self.server.upstream)
            self.up_stream = Stream(self.upstream)
        try:
            while True:
                try:
                    argv = client.next()
                except EOFError:
                    return
                if argv.__class__ is not list or not argv:
                    self.request.sendall(b"-ERR Protocol error\r\n")
                    return
                name = argv[0].lower()
                if queued is not None:
                    # a transaction is run here, command by command, so that its scripts run
                    # in the engine under test (WATCH is not supported)
                    if name == b"exec":
                        reply: object = [self.one(a) for a in queued]
                        queued = None
                    elif name == b"discard":
                        reply, queued = Status(b"OK"), None
                    elif name == b"multi":
                        reply = ErrorReply(b"ERR MULTI calls can not be nested")
                    else:
                        queued.append(argv)
                        reply = Status(b"QUEUED")
                elif name == b"multi":
                    reply, queued = Status(b"OK"), []
                elif name in SUBSCRIBE and self.upstream is not None:
                    # from now on the server talks when it wants
                    self.upstream.sendall(pack_command(argv))
                    threading.Thread(target=pipe, args=(self.upstream, self.request), daemon=True).start()
                    while True:
                        try:
                            self.upstream.sendall(pack_command(list(client.next())))
                        except (EOFError, OSError):
                            return
                else:
                    reply = self.one(argv)
                self.request.sendall(encode(reply, self.proto))
        finally:
            if self.upstream is not None:
                self.upstream.close()

    def one(self, argv: list[bytes]) -> object:
        """One command, by ferrous or by the server; a script's reply is recorded."""
        name = argv[0].lower()
        if self.upstream is None or (self.server.engine is not None and name in SCRIPTING):
            reply = self.here(argv)
        else:
            self.upstream.sendall(pack_command(argv))
            reply = self.up_stream.next()  # type: ignore[union-attr]
        if name == b"hello" and reply.__class__ is not ErrorReply:
            self.proto = int(argv[1]) if len(argv) > 1 else self.proto
        if name in SCRIPTING:
            self.server.record(argv, encode(reply, self.proto))
        return reply

    def here(self, argv: list[bytes]) -> object:
        """A command run by ferrous (the embedded keyspace has no pub/sub; its HELLO is ours)."""
        name = argv[0].lower()
        if name in SUBSCRIBE:
            return ErrorReply(b"ERR ferrous proxy: no pub/sub on the embedded keyspace")
        if name == b"hello":
            return hello(argv)
        if name == b"info":  # a client's ready check (ioredis, Bull): the embedded keyspace has no INFO
            return b"# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nloading:0\r\n"
        with self.server.lock:
            return self.server.engine.command(list(argv))  # type: ignore[union-attr]


class Proxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, url: str | None, passthrough: bool = False,
                 record: Path | None = None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.engine = None if passthrough else ScriptEngine(open_keyspace(url))
        self.lock = threading.Lock()
        self.log = record.open("wb") if record is not None else None
        self.upstream = None
        if url is not None:
            from urllib.parse import urlparse

            u = urlparse(url)
            self.upstream = (u.hostname or "127.0.0.1", u.port or 6379)


    def record(self, argv: list[bytes], reply: bytes) -> None:
        """One scripting command and the bytes of its reply, to compare runs (the script's
        body is left out: the same in every run)."""
        if self.log is None:
            return
        words = argv[:1] + argv[2:] if argv[0].lower().startswith(b"eval") else argv[:2]
        with self.lock:
            self.log.write(b" ".join(words).replace(b"\n", b"\\n") + b"\n  -> " + reply + b"\n")
            self.log.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--url", help="the real server the commands go to (default: embedded)")
    parser.add_argument("--passthrough", action="store_true",
                        help="every command to --url's server, scripts too (a reference run)")
    parser.add_argument("--record", type=Path, help="write each scripting command and its reply here")
    args = parser.parse_args(argv)
    if args.passthrough and not args.url:
        parser.error("--passthrough needs --url")
    with Proxy(args.port, args.url, args.passthrough, args.record) as proxy:
        print(f"listening on 127.0.0.1:{args.port}", flush=True)
        proxy.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
