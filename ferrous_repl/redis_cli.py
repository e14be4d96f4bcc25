"""`ferrous redis`: Redis scripts on the ferrous VM, like ``redis-cli --eval``.

    ferrous redis eval [options] SCRIPT [key ...] [, arg ...]
    ferrous redis repl [--url URL] [--setup FILE]

SCRIPT is a file holding the script; the words after it are its keys, then, after a lone
comma, its arguments (redis-cli's rule). The script runs as EVAL runs it in Redis 7.0, against
the embedded keyspace or, with ``--url``, a real server, and its reply is printed as redis-cli
prints it: formatted on a terminal (``--no-raw`` forces that), raw otherwise (``--raw``).
Like redis-cli, an error reply is printed and the status is still 0; the status is 1 when the
script file, the setup file or the server cannot be used.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import BinaryIO

from ferrous_repl.redis_output import format_json, format_raw, format_tty
from vm.redis.api import LOG_NAMES
from vm.redis.engine import ScriptEngine
from vm.redis.keyspace import KeyspaceError, open_keyspace
from vm.redis.reply import ErrorReply
from vm.redis.splitargs import split_args
from vm.session import Limits

PROG = "ferrous redis"
DEFAULT_TIME_LIMIT = 5.0  # seconds: Redis's busy-reply-threshold (lua-time-limit)
NOTICE = 2  # Redis's default loglevel: redis.log below it is not written


def script_arguments(p: argparse.ArgumentParser) -> None:
    """SCRIPT [key ...] [, arg ...], --url and --setup (shared with ``ferrous debug --redis``)."""
    p.add_argument("script", help="the file holding the script")
    p.add_argument("words", nargs=argparse.REMAINDER,
                   help="keys, then a lone ',' and the arguments (KEYS and ARGV)")
    p.add_argument("--url", help="run against the real server at redis://host:port/db "
                                 "(default: an embedded keyspace)")
    p.add_argument("--setup", metavar="FILE",
                   help="Redis commands (one per line, redis-cli quoting) to run first")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} eval",
        description="Run a Redis Lua script like 'redis-cli --eval SCRIPT [key ...] [, arg ...]'.")
    script_arguments(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the reply as JSON")
    out.add_argument("--raw", action="store_true", help="print raw replies (redis-cli --raw)")
    out.add_argument("--no-raw", action="store_true",
                     help="print formatted replies even when not on a terminal")
    p.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help="kill the script after this long (default %(default)g; 0: no limit)")
    return p


class _Failure(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def split_keys_args(words: Sequence[str]) -> tuple[list[bytes], list[bytes]]:
    """redis-cli's evalMode: keys until the first lone ',', arguments after it."""
    keys: list[bytes] = []
    args: list[bytes] = []
    target = keys
    for w in words:
        if target is keys and w == ",":
            target = args
            continue
        target.append(os.fsencode(w))
    return keys, args


def _read(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise _Failure(f"Can't open {what} '{path}': {exc.strerror or exc}") from None


def run_setup(engine: ScriptEngine, path: str) -> None:
    """Each non-blank line of the setup file (``#`` starts a comment line) is a command; an
    error reply stops the run."""
    data = _read(path, "setup file")
    for n, line in enumerate(data.split(b"\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        argv = split_args(line)
        if argv is None:
            raise _Failure(f"{path}:{n}: Invalid argument(s)")
        if not argv:
            continue
        reply = engine.command(argv)
        if reply.__class__ is ErrorReply:
            text = reply.text.decode("utf-8", "replace")  # type: ignore[attr-defined]
            raise _Failure(f"{path}:{n}: {text}")


class _LogToStderr:
    """redis.log lines at Redis's default level (notice) and above, on standard error."""

    def __init__(self, err: BinaryIO) -> None:
        self.err = err

    def on_call(self, record: object) -> None:
        pass

    def on_log(self, level: int, message: bytes) -> None:
        if level >= NOTICE:
            self.err.write(b"redis.log(%s): %s\n" % (LOG_NAMES[level].encode(), message))
            self.err.flush()

    def on_breakpoint(self) -> bool:
        return False

    def on_debug(self, values: list) -> None:
        pass


def eval_main(argv: Sequence[str], out: BinaryIO, err: BinaryIO, tty: bool) -> int:
    opts = _parser().parse_args(list(argv))
    script = _read(opts.script, "file")
    keys, args = split_keys_args(opts.words)
    try:
        keyspace = open_keyspace(opts.url)
    except KeyspaceError as exc:
        raise _Failure(exc.message) from None
    limits = Limits(seconds=opts.time_limit if opts.time_limit > 0 else None)
    engine = ScriptEngine(keyspace, limits, _LogToStderr(err))
    try:
        if opts.setup:
            run_setup(engine, opts.setup)
        reply = engine.eval(script, keys, args)
    except KeyspaceError as exc:
        raise _Failure(exc.message) from None
    finally:
        engine.close()
    if opts.json:
        out.write(format_json(reply))
    elif opts.raw or (not opts.no_raw and not tty):
        out.write(format_raw(reply))
    else:
        out.write(format_tty(reply))
    out.flush()
    return 0


def _repl_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} repl",
        description="The REPL in Redis's scripting environment: Lua runs as a script body "
                    "(redis.call, cjson, ...), ':redis COMMAND' sends a raw command.")
    p.add_argument("--url", help="use the real server at redis://host:port/db "
                                 "(default: an embedded keyspace)")
    p.add_argument("--setup", metavar="FILE",
                   help="Redis commands (one per line, redis-cli quoting) to run first")
    return p


class _PlainConsole:
    """The REPL's console without a terminal: plain text lines."""

    width = 80

    def __init__(self, out: BinaryIO) -> None:
        self.out = out

    def show(self, frags: list) -> None:
        self.out.write("".join(text for _style, text in frags).encode("utf-8", "surrogateescape"))
        self.out.write(b"\n")
        self.out.flush()


def _piped_repl(console: object, stdin: BinaryIO, out: BinaryIO) -> int:
    """Piped input: each complete chunk (or :command line) runs as the REPL runs it; no prompts.
    (The Redis environment has no print, so lua.c's loop would show nothing.)"""
    from ferrous_repl.repl.commands import needs_more
    from ferrous_repl.repl.output import TrackingWriter
    from ferrous_repl.repl.shell import Shell
    from ferrous_repl.themes import find_theme

    theme = find_theme("dark")
    writer = TrackingWriter(out)
    session = console.session  # type: ignore[attr-defined]
    shell = Shell(session, _PlainConsole(out), writer, theme,  # type: ignore[arg-type]
                  console.reset)  # type: ignore[attr-defined]
    shell.redis = console
    pending = ""
    for raw in stdin:
        pending += raw.decode("utf-8", "surrogateescape")
        if needs_more(pending.rstrip("\n")):
            continue
        shell.execute(pending.rstrip("\n"))
        pending = ""
        if not shell.running:
            break
    if pending.strip():
        shell.execute(pending.rstrip("\n"))
    writer.finish_line()
    return 0


def repl_main(argv: Sequence[str], out: BinaryIO, err: BinaryIO) -> int:
    """`ferrous redis repl`: the REPL on a terminal; lua.c's loop on piped input."""
    from ferrous_repl.repl import app
    from vm.redis.console import RedisConsole

    opts = _repl_parser().parse_args(list(argv))
    try:
        keyspace = open_keyspace(opts.url)
    except KeyspaceError as exc:
        raise _Failure(exc.message) from None
    engine = ScriptEngine(keyspace, Limits(), _LogToStderr(err))
    try:
        if opts.setup:
            run_setup(engine, opts.setup)
        console = RedisConsole(engine)
        session = console.session
        session.state.out = out
        session.state.err = err
        if sys.stdin.isatty() and out is sys.stdout.buffer and sys.stdout.isatty():
            return app.main(session, out, err, redis=console)
        return _piped_repl(console, sys.stdin.buffer, out)
    except KeyspaceError as exc:
        raise _Failure(exc.message) from None
    finally:
        engine.close()


USAGE = (f"usage: {PROG} eval [options] SCRIPT [key ...] [, arg ...]\n"
         f"       {PROG} repl [--url URL] [--setup FILE]\n")


def main(argv: Sequence[str], out: BinaryIO | None = None, err: BinaryIO | None = None) -> int:
    """`ferrous redis ...`; returns the exit status."""
    out = out if out is not None else sys.stdout.buffer
    err = err if err is not None else sys.stderr.buffer
    if not argv or argv[0] in ("-h", "--help"):
        (out if argv else err).write(USAGE.encode())
        return 0 if argv else 1
    if argv[0] not in ("eval", "repl"):
        err.write(f"{PROG}: unknown command '{argv[0]}'\n{USAGE}".encode())
        return 1
    try:
        if argv[0] == "repl":
            return repl_main(argv[1:], out, err)
        return eval_main(argv[1:], out, err, sys.stdout.isatty() if out is sys.stdout.buffer else False)
    except _Failure as failure:
        err.write(f"{PROG}: {failure.message}\n".encode("utf-8", "replace"))
        return 1
    except KeyboardInterrupt:
        err.write(f"{PROG}: interrupted\n".encode())
        return 130
    except Exception as exc:  # a bug in ferrous: report it, never a traceback by default
        if os.environ.get("FERROUS_TRACEBACK"):
            traceback.print_exc()
        err.write(f"{PROG}: internal error: {type(exc).__name__}: {exc}\n".encode("utf-8", "replace"))
        return 1
