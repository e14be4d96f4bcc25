"""Where the adapter talks: standard input/output (how editors start adapters), or a TCP port on
127.0.0.1 for editors that connect to a running adapter (one session after another)."""

from __future__ import annotations

import os
import socket
import sys

from ferrous_repl.dap.adapter import Adapter
from ferrous_repl.dap.messaging import Channel

LOCAL = "127.0.0.1"


def serve_stdio() -> int:
    """One session over this process's standard input and output. Nothing else may write to
    standard output: the program's output is captured by the debugger and sent as events."""
    fd_in = sys.stdin.fileno()
    out = sys.stdout.buffer

    def read() -> bytes:
        return os.read(fd_in, 65536)

    def write(data: bytes) -> None:
        out.write(data)
        out.flush()

    # anything printed by mistake goes to standard error, never into the protocol stream
    sys.stdout = sys.stderr
    Adapter(Channel(read, write)).serve()
    return 0


def serve_port(port: int, once: bool = False, ready=None) -> int:
    """Sessions on 127.0.0.1:port, one connection at a time (``once``: the first only).
    ``ready(port)`` is called when listening (the port actually bound, for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((LOCAL, port))
        listener.listen(1)
        bound = listener.getsockname()[1]
        if ready is not None:
            ready(bound)
        while True:
            conn, _ = listener.accept()
            with conn:
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                Adapter(Channel(lambda c=conn: c.recv(65536), conn.sendall)).serve()
            if once:
                return 0
