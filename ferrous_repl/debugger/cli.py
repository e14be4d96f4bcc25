"""``ferrous debug [--theme NAME] FILE [args]``: open the step debugger on a Lua file, paused
before its first instruction. A file that does not load is reported as lua5.1 reports it.
``--empty`` opens it on an empty session (the eval box is a REPL); ``--web`` serves it to
browsers instead of the terminal (ferrous_repl/debugger/web.py); ``--redis`` debugs a Redis
script (redis_start.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from vm.errors import LoadError

USAGE = ("usage: ferrous debug [--theme NAME] FILE [args]\n"
         "       ferrous debug [--theme NAME] --empty\n"
         "       ferrous debug [--theme NAME] --web [--host HOST] [--port PORT] [FILE [args]]\n"
         "       ferrous debug [--theme NAME] --redis [--url URL] [--setup FILE] SCRIPT"
         " [key ...] [, arg ...]\n"
         "       ferrous debug [--theme NAME] --redis [options] --function NAME LIBRARY"
         " [key ...] [, arg ...]\n"
         "\n"
         "  --empty       an empty session: the eval box is a Lua REPL\n"
         "  --web         serve the debugger to browsers (each page gets its own session);\n"
         "                without FILE, an empty session. Default address 127.0.0.1:8000\n"
         "  --host HOST   the address to serve on (0.0.0.0: every network interface)\n"
         "  --port PORT   the port to serve on\n")


def _fail(message: str) -> int:
    sys.stderr.write(f"ferrous debug: {message}\n{USAGE}")
    return 1


def main(argv: Sequence[str]) -> int:
    args = list(argv)
    theme = os.environ.get("FERROUS_THEME") or None
    web = empty = False
    host: str | None = None
    port: int | None = None
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option in ("--theme", "--host", "--port"):
            if not args:
                return _fail(f"{option} needs a value")
            value = args.pop(0)
            if option == "--theme":
                theme = value
            elif option == "--host":
                host = value
            elif not value.isdigit() or not 0 < int(value) < 65536:
                return _fail(f"not a port number: {value}")
            else:
                port = int(value)
        elif option == "--web":
            web = True
        elif option == "--empty":
            empty = True
        elif option == "--redis":
            from ferrous_repl.debugger import redis_start

            return redis_start.main(args, theme)
        elif option == "--help":
            sys.stdout.write(USAGE)
            return 0
        elif option == "--":
            break
        else:
            return _fail(f"unknown option {option}")
    if args and args[0] == "-h":
        sys.stdout.write(USAGE)
        return 0
    if (host is not None or port is not None) and not web:
        return _fail("--host and --port go with --web")
    if web:
        return _serve(args, theme, host, port)
    if empty:
        if args:
            return _fail("--empty takes no file")
        from ferrous_repl.debugger.app import make_empty_app

        make_empty_app(theme).run()
        return 0
    if not args:
        sys.stderr.write(USAGE)
        return 1
    from ferrous_repl.debugger.app import make_app

    try:
        app = make_app(args[0], args[1:], theme)
    except LoadError as exc:
        sys.stderr.write(f"ferrous debug: {exc.msg.decode('utf-8', 'replace')}\n")
        return 1
    app.run()
    return 0


def _serve(args: list[str], theme: str | None, host: str | None, port: int | None) -> int:
    from ferrous_repl.debugger import web

    path = None
    if args:
        path = args[0]
        from ferrous_repl.debugger.target import from_file

        try:  # a file that does not load is said here, not in each browser
            from_file(path, args[1:])
        except LoadError as exc:
            sys.stderr.write(f"ferrous debug: {exc.msg.decode('utf-8', 'replace')}\n")
            return 1
    options = web.WebOptions(host or web.LOCAL, port or web.DEFAULT_PORT, theme, path, tuple(args[1:]))
    return web.serve(options)
