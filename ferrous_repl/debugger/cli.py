"""``ferrous debug [--theme NAME] [--stdin FILE] FILE [args]``: open the step debugger on a Lua
file, paused before its first instruction. A file that does not load is reported as lua5.1
reports it. The program's standard input is ``--stdin FILE``, or what the debugger's own
standard input is when it is not a terminal (``ferrous debug prog.lua < input.txt``): the keys
then come from the terminal (/dev/tty), as ``less`` and ``fzf`` do.
``--empty`` opens it on an empty session (the eval box is a REPL); ``--web`` serves it to
browsers instead of the terminal (ferrous_repl/debugger/web.py); ``--redis`` debugs a Redis
script (redis_start.py)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import BinaryIO

from vm.errors import LoadError

USAGE = ("usage: ferrous debug [--theme NAME] [--stdin FILE] FILE [args]\n"
         "       ferrous debug [--theme NAME] --empty\n"
         "       ferrous debug [--theme NAME] --web [--host HOST] [--port PORT] [FILE [args]]\n"
         "       ferrous debug [--theme NAME] --redis [--url URL] [--setup FILE] SCRIPT"
         " [key ...] [, arg ...]\n"
         "       ferrous debug [--theme NAME] --redis [options] --function NAME LIBRARY"
         " [key ...] [, arg ...]\n"
         "\n"
         "  --stdin FILE  the program's standard input (also: ferrous debug FILE < INPUT)\n"
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
    stdin_path: str | None = None
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option in ("--theme", "--host", "--port", "--stdin"):
            if not args:
                return _fail(f"{option} needs a value")
            value = args.pop(0)
            if option == "--theme":
                theme = value
            elif option == "--stdin":
                stdin_path = value
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

    problem: OSError | None = None
    try:
        program_input = _program_input(stdin_path)
    except OSError as exc:  # said after a load error, which lua5.1 would report first
        program_input, problem = None, exc
    try:
        app = make_app(args[0], args[1:], theme, stdin=program_input)
    except LoadError as exc:
        sys.stderr.write(f"ferrous debug: {exc.msg.decode('utf-8', 'replace')}\n")
        return 1
    if problem is not None:
        sys.stderr.write(f"ferrous debug: {problem}\n")
        return 1
    app.run()
    return 0


def _program_input(path: str | None) -> BinaryIO | None:
    """The debugged program's standard input: the file given, or the process's standard input
    when it is not a terminal, in which case the terminal becomes the process's standard
    input, for the debugger's keys (Textual reads file descriptor 0); not when Textual is
    told to use another driver (TEXTUAL_DRIVER: textual-serve speaks to its pages' debuggers
    through their standard input). OSError when there is no terminal to take the keys from."""
    if path is not None:
        try:
            return open(path, "rb")  # noqa: SIM115 - the program reads it until the end
        except OSError as exc:
            raise OSError(f"cannot open {path}: {exc.strerror}") from None
    if os.environ.get("TEXTUAL_DRIVER"):
        return None  # driven through standard input by another program (the web mode's pages)
    try:
        if os.isatty(0):
            return None
    except OSError:
        return None
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        raise OSError("standard input is not a terminal and there is no terminal (/dev/tty) "
                      "for the debugger's keys") from None
    program = os.fdopen(os.dup(0), "rb")
    os.dup2(terminal, 0)
    os.close(terminal)
    return program


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
