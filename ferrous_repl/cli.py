"""The `ferrous` command: dispatches to the front ends that exist.

Only `ferrous luac` is built so far. The rest of the command line (the REPL with no argument,
`ferrous FILE` like lua5.1, `ferrous debug`, `ferrous redis`) says plainly that it is not built
yet and exits with status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_AVAILABLE = "only 'ferrous luac' is available so far (run 'ferrous luac' for its usage)"

_NOT_BUILT = {
    "debug": "the debugger is not built yet",
    "redis": "Redis scripting is not built yet",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "luac":
        from ferrous_repl import luac

        return luac.main(args[1:])
    if not args:
        what = "the REPL is not built yet"
    else:
        what = _NOT_BUILT.get(args[0], "running Lua programs (as lua5.1 does) is not built yet")
    sys.stderr.write(f"ferrous: {what}; {_AVAILABLE}\n")
    return 1
