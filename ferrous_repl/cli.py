"""The `ferrous` command: dispatches to the front ends.

`ferrous luac` is luac5.1; `ferrous FILE`, `-e`, `-` and standard input are lua5.1 (see lua.py);
no argument on a terminal, or `-i`, starts the REPL (ferrous_repl/repl); `ferrous redis
eval|repl|fcall` runs Redis scripts (redis_cli.py); `ferrous debug FILE [args]` opens the step
debugger (ferrous_repl/debugger); `ferrous dap` is the debug adapter. Options lua.c does not
know lead to these commands: `-h` and any other unknown option print lua.c's usage (standard
error, status 1) followed by them, `--help` a longer help (standard output, status 0).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# each command with one line (the usage, `--help`, the README): (usage, summary, command word)
COMMANDS = (
    ("ferrous debug FILE [args]", "the step debugger on a Lua program", "debug"),
    ("ferrous debug --web [FILE]", "the debugger in browsers, a session per page", "debug"),
    ("ferrous luac [options] [files]", "luac5.1: compile, list (-l), check (-p)", "luac"),
    ("ferrous redis eval SCRIPT ...", "run a Redis script, as redis-cli --eval does", "redis"),
    ("ferrous redis repl", "the REPL in Redis's scripting environment", "redis"),
    ("ferrous redis fcall LIB FN ...", "load a Redis 7 function library, call one", "redis"),
    ("ferrous dap", "a debug adapter for editors (DAP)", "dap"),
)

# commands named in COMMANDS that this build does not have yet: what `ferrous NAME` says
_NOT_BUILT: dict[str, str] = {}


def commands_text() -> str:
    """The commands, one line each, as `-h` and `--help` list them."""
    width = max(len(usage) for usage, _, _ in COMMANDS)
    return "".join(f"  {usage.ljust(width)}  {summary}"
                   + (" (to come)" if word in _NOT_BUILT else "") + "\n"
                   for usage, summary, word in COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: sys.argv[1:]); return the exit status.
    Called without argv (the process's own command line), it also sets Python's cycle
    collector for a run (_collector_for_a_run)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        _collector_for_a_run()
    if argv is None and not args and _repl_alone():
        # the REPL's first prompt before anything heavy is imported (repl/early.py)
        from ferrous_repl.repl import early

        early.draw()
        try:
            return _dispatch(args)
        finally:
            left = early.take()  # not handed over to the REPL (it failed first): as it was
            if left is not None:
                left.restore()
    return _dispatch(args)


def _repl_alone() -> bool:
    """Whether `ferrous` with no argument starts the REPL (as lua.py decides)."""
    import os

    try:
        return not os.environ.get("LUA_INIT") and sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # no standard streams
        return False


# Python's young generation in a ferrous process (CPython's default: 700 objects; 10,000 cut
# the CPU time of short runs by ~5%, 50,000 by ~3% more, for ~3 MB more at the peak)
YOUNG_OBJECTS = 50_000
_for_a_run = False  # the collector is set for this process's run (not for a caller's main(argv))


def _collector_for_a_run() -> None:
    """Python's cycle collector set for running Lua, as tests/conftest.py sets it for the
    suite (there 10,000): a young generation of YOUNG_OBJECTS, so that the VM's short-lived
    frames, tables and closures mostly die (by reference counting) before a collection looks
    at them, and far fewer collections run while the modules are imported. Only how often
    Python looks for cycles changes: cycles are still found (a program that makes and drops
    them in a loop stays bounded, tests/ferrous_repl/test_collector.py), and the VM's own
    collector, collectgarbage and its counts, is another thing altogether (vm/runtime/heap.py)."""
    import gc

    global _for_a_run
    _for_a_run = True
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


def _imported() -> None:
    """The front end is imported: what the imports built lives as long as the process, so it
    is frozen out of the collector's scans (gc.freeze), which full collections (those
    sweeping the oldest generation, whose cost grows with everything tracked) then skip."""
    import gc

    if _for_a_run:
        gc.freeze()


def _dispatch(args: list[str]) -> int:
    if args and args[0] == "luac":
        from ferrous_repl import luac

        return luac.main(args[1:])
    if args and args[0] == "redis":
        from ferrous_repl import redis_cli

        _imported()
        return redis_cli.main(args[1:])
    if args and args[0] == "debug":
        from ferrous_repl.debugger import cli as debug_cli

        _imported()
        return debug_cli.main(args[1:])
    if args and args[0] == "dap":
        from ferrous_repl.dap import cli as dap_cli

        _imported()
        return dap_cli.main(args[1:])
    if args and args[0] in _NOT_BUILT:
        sys.stderr.write(f"ferrous: {_NOT_BUILT[args[0]]} ('ferrous --help' lists the commands)\n")
        return 1
    from ferrous_repl import lua

    _imported()
    if not _for_a_run:
        return lua.main(args)
    import signal

    # as lua5.1: a write into a pipe nobody reads (`ferrous prog.lua | head -1`, io.write, a
    # popen'ed "w" pipe) kills the process; Python ignores SIGPIPE. The REPL ignores it again
    # (lua.py's _keep_the_session), and its own output failing ends the process in the same way.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        return lua.main(args)
    except BrokenPipeError:
        lua.die_of_sigpipe()
        raise
