"""``ferrous debug --web``: the debugger served to browsers (textual-serve), for a classroom.

The server runs no Lua itself: each browser that opens the page gets its own process running
``ferrous debug`` on the same file (or on an empty session whose eval box is a REPL), driven by
textual-serve's web driver over a websocket. So every student steps, evaluates and goes back in
time on their own copy of the program.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass

LOCAL = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True, slots=True)
class WebOptions:
    host: str = LOCAL
    port: int = DEFAULT_PORT
    theme: str | None = None
    path: str | None = None  # None: an empty session
    args: tuple[str, ...] = ()


def app_command(options: WebOptions) -> str:
    """The shell command textual-serve runs for each browser: this Python, this package."""
    words = [sys.executable, "-m", "ferrous_repl", "debug"]
    if options.theme:
        words += ["--theme", options.theme]
    words += [options.path, *options.args] if options.path is not None else ["--empty"]
    return " ".join(shlex.quote(w) for w in words)


def page_url(options: WebOptions) -> str:
    """The address to open: the host as given (all interfaces: this machine's name)."""
    host = options.host
    if host in ("0.0.0.0", "::", ""):
        import socket

        host = socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{options.port}/"


def serve(options: WebOptions) -> int:
    """Serve until Ctrl-C; 1 when the address cannot be used."""
    from aiohttp import web
    from textual_serve.server import Server

    class DebugServer(Server):
        """textual-serve's server, quiet, and with the page's addresses taken from the request
        (so a page opened by a classroom address connects back to that address)."""

        def initialize_logging(self) -> None:
            import logging

            logging.basicConfig(level=logging.WARNING)

        async def on_startup(self, app: web.Application) -> None:
            what = options.path if options.path is not None else "an empty session (the eval box is a REPL)"
            print(f"ferrous debug --web: serving {what}", flush=True)
            print(f"open {page_url(options)} in a browser; each page gets its own debugger", flush=True)
            if options.host == LOCAL:
                print("only this machine can connect (--host 0.0.0.0 opens it to the network)", flush=True)
            print("Ctrl-C stops the server", flush=True)

        async def handle_index(self, request: web.Request):  # type: ignore[override]
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

    problem = _unusable(options.host, options.port)
    if problem:
        sys.stderr.write(f"ferrous debug: cannot serve on {options.host}:{options.port}: {problem}\n")
        return 1
    title = f"ferrous debug {options.path}" if options.path else "ferrous debug"
    server = DebugServer(app_command(options), host=options.host, port=options.port, title=title)
    try:
        server.serve()
    except OSError as exc:  # taken between the check and the server's own bind
        sys.stderr.write(f"ferrous debug: cannot serve on {options.host}:{options.port}: {exc}\n")
        return 1
    return 0


def _unusable(host: str, port: int) -> str:
    """Why the server could not listen there ("" when it can): said before anything else."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return str(exc.strerror)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as exc:
            return str(exc.strerror)
    return ""
