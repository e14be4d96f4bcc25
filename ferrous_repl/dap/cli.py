"""``ferrous dap [--port N] [--once]``: the debug adapter, on standard input/output or on a
loopback port."""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = ("usage: ferrous dap              a debug adapter on standard input/output (editors start it)\n"
         "       ferrous dap --port N     listen on 127.0.0.1:N, one session after another\n"
         "                                (--once: the first session only; N = 0: any free port,\n"
         "                                printed on standard error)\n")


def main(argv: Sequence[str]) -> int:
    args = list(argv)
    port: int | None = None
    once = False
    while args:
        a = args.pop(0)
        if a in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if a == "--once":
            once = True
        elif a == "--port" or a.startswith("--port="):
            value = a.partition("=")[2] if "=" in a else (args.pop(0) if args else "")
            if not value.isdigit() or not 0 <= int(value) < 65536:
                sys.stderr.write(f"ferrous dap: not a port number: {value!r}\n{USAGE}")
                return 1
            port = int(value)
        else:
            sys.stderr.write(f"ferrous dap: unknown argument {a!r}\n{USAGE}")
            return 1
    from ferrous_repl.dap import server

    if port is None:
        if once:
            sys.stderr.write(f"ferrous dap: --once goes with --port\n{USAGE}")
            return 1
        return server.serve_stdio()

    def ready(bound: int) -> None:
        sys.stderr.write(f"ferrous dap: listening on {server.LOCAL}:{bound}\n")
        sys.stderr.flush()

    try:
        return server.serve_port(port, once, ready)
    except OSError as exc:
        sys.stderr.write(f"ferrous dap: cannot listen on {server.LOCAL}:{port}: {exc.strerror}\n")
        return 1
    except KeyboardInterrupt:
        return 0
