"""``ferrous debug [--theme NAME] FILE [args]``: open the step debugger on a Lua file, paused
before its first instruction. A file that does not load is reported as lua5.1 reports it."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from vm.errors import LoadError

USAGE = ("usage: ferrous debug [--theme NAME] FILE [args]\n"
         "       ferrous debug [--theme NAME] --redis [--url URL] [--setup FILE] SCRIPT"
         " [key ...] [, arg ...]\n"
         "       ferrous debug [--theme NAME] --redis [options] --function NAME LIBRARY"
         " [key ...] [, arg ...]\n")


def main(argv: Sequence[str]) -> int:
    args = list(argv)
    theme = os.environ.get("FERROUS_THEME") or None
    if len(args) >= 2 and args[0] == "--theme":
        theme = args[1]
        args = args[2:]
    if args and args[0] == "--redis":
        from ferrous_repl.debugger import redis_start

        return redis_start.main(args[1:], theme)
    if not args or args[0] in ("-h", "--help"):
        (sys.stdout if args else sys.stderr).write(USAGE)
        return 0 if args else 1
    from ferrous_repl.debugger.app import make_app

    try:
        app = make_app(args[0], args[1:], theme)
    except LoadError as exc:
        sys.stderr.write(f"ferrous debug: {exc.msg.decode('utf-8', 'replace')}\n")
        return 1
    app.run()
    return 0
