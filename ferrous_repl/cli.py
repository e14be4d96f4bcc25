"""The `ferrous` command: dispatches to the front ends that exist.

`ferrous luac` is luac5.1; `ferrous FILE`, `-e`, `-` and standard input are lua5.1 (see lua.py);
no argument on a terminal, or `-i`, starts the REPL (ferrous_repl/repl); `ferrous redis eval`
runs Redis scripts (redis_cli.py); `ferrous debug FILE [args]` opens the step debugger
(ferrous_repl/debugger).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_AVAILABLE = "'ferrous FILE', 'ferrous luac' and the REPL ('ferrous') are available so far"

_NOT_BUILT: dict[str, str] = {}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "luac":
        from ferrous_repl import luac

        return luac.main(args[1:])
    if args and args[0] == "redis":
        from ferrous_repl import redis_cli

        return redis_cli.main(args[1:])
    if args and args[0] == "debug":
        from ferrous_repl.debugger import cli as debug_cli

        return debug_cli.main(args[1:])
    if args and args[0] in _NOT_BUILT:
        sys.stderr.write(f"ferrous: {_NOT_BUILT[args[0]]}; {_AVAILABLE}\n")
        return 1
    from ferrous_repl import lua

    return lua.main(args)
