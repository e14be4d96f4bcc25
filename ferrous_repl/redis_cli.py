"""`ferrous redis`: Redis scripts and functions on the ferrous VM, like ``redis-cli --eval``.

    ferrous redis eval [options] SCRIPT [key ...] [, arg ...]
    ferrous redis fcall [options] LIBRARY FUNCTION [key ...] [, arg ...]
    ferrous redis repl [--url URL] [--setup FILE]

SCRIPT is a file holding the script; LIBRARY a file holding a function library (``#!lua
name=...``). The words after it are the keys, then, after a lone comma, the arguments
(redis-cli's rule). The script runs as EVAL runs it in Redis 7.0 (the function as FCALL, after
FUNCTION LOAD REPLACE of its library), against the embedded keyspace or, with ``--url``, a real
server, and its reply is printed as redis-cli prints it: formatted on a terminal (``--no-raw``
forces that), raw otherwise (``--raw``). Like redis-cli, an error reply is printed and the
status is still 0; the status is 1 when a file or the server cannot be used, or the library
does not load.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import BinaryIO

from ferrous_repl.redis_args import (
    Failure,
    Parser,
    call_arguments,
    keys_and_args,
    keyspace_arguments,
    limit_argument,
    open_engine,
    read_file,
    script_arguments,
)
from ferrous_repl.redis_output import format_json, format_raw, format_tty
from vm.redis.api import LOG_NAMES
from vm.redis.keyspace import KeyspaceError
from vm.redis.reply import ErrorReply
from vm.session import Limits

PROG = "ferrous redis"
NOTICE = 2  # Redis's default loglevel: redis.log below it is not written


def _output_arguments(p: argparse.ArgumentParser) -> None:
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the reply as JSON")
    out.add_argument("--raw", action="store_true", help="print raw replies (redis-cli --raw)")
    out.add_argument("--no-raw", action="store_true",
                     help="print formatted replies even when not on a terminal")
    limit_argument(p)


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog=f"{PROG} eval",
               description="Run a Redis Lua script like 'redis-cli --eval SCRIPT [key ...] [, arg ...]'.",
               missing="no script file given: ferrous redis eval SCRIPT [key ...] [, arg ...]")
    script_arguments(p)
    _output_arguments(p)
    return p


def _fcall_parser() -> argparse.ArgumentParser:
    p = Parser(prog=f"{PROG} fcall",
               description="Load a Redis function library (FUNCTION LOAD REPLACE) and call one of "
                           "its functions (FCALL): LIBRARY FUNCTION [key ...] [, arg ...].",
               missing="a library file and a function name are needed: "
                       "ferrous redis fcall LIBRARY FUNCTION [key ...] [, arg ...]")
    p.add_argument("library", help="the file holding the library (#!lua name=...)")
    p.add_argument("function", help="the function to call")
    call_arguments(p)
    keyspace_arguments(p)
    p.add_argument("--ro", action="store_true", help="call it as FCALL_RO")
    _output_arguments(p)
    return p


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


def _print_reply(opts: argparse.Namespace, reply: object, out: BinaryIO, tty: bool) -> None:
    if opts.json:
        out.write(format_json(reply))
    elif opts.raw or (not opts.no_raw and not tty):
        out.write(format_raw(reply))
    else:
        out.write(format_tty(reply))
    out.flush()


def _limits(opts: argparse.Namespace) -> Limits:
    return Limits(seconds=opts.time_limit if opts.time_limit > 0 else None)


def eval_main(argv: Sequence[str], out: BinaryIO, err: BinaryIO, tty: bool) -> int:
    opts = _parser().parse_args(list(argv))
    script = read_file(opts.script, "file")
    keys, args = keys_and_args(opts)
    engine = open_engine(opts, _LogToStderr(err), _limits(opts))
    try:
        reply = engine.eval(script, keys, args)
    except KeyspaceError as exc:
        raise Failure(exc.message) from None
    finally:
        engine.close()
    _print_reply(opts, reply, out, tty)
    return 0


def fcall_main(argv: Sequence[str], out: BinaryIO, err: BinaryIO, tty: bool) -> int:
    """FUNCTION LOAD REPLACE of the library, then FCALL (or FCALL_RO) of the function. A library
    that does not load prints FUNCTION LOAD's error reply and ends with status 1."""
    opts = _fcall_parser().parse_args(list(argv))
    library = read_file(opts.library, "library file")
    keys, args = keys_and_args(opts)
    engine = open_engine(opts, _LogToStderr(err), _limits(opts))
    try:
        loaded = engine.function_load(library, replace=True)
        if loaded.__class__ is ErrorReply:
            _print_reply(opts, loaded, out, tty)
            return 1
        reply = engine.fcall(os.fsencode(opts.function), keys, args, ro=opts.ro)
    except KeyspaceError as exc:
        raise Failure(exc.message) from None
    finally:
        engine.close()
    _print_reply(opts, reply, out, tty)
    return 0


def _repl_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} repl",
        description="The REPL in Redis's scripting environment: Lua runs as a script body "
                    "(redis.call, cjson, ...), ':redis COMMAND' sends a raw command.")
    keyspace_arguments(p)
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
    from ferrous_repl.redis_repl import attach
    from ferrous_repl.repl.commands import needs_more
    from ferrous_repl.repl.output import TrackingWriter
    from ferrous_repl.repl.shell import Shell
    from ferrous_repl.themes import find_theme

    theme = find_theme("dark")
    writer = TrackingWriter(out)
    session = console.session  # type: ignore[attr-defined]
    shell = Shell(session, _PlainConsole(out), writer, theme,  # type: ignore[arg-type]
                  console.reset)  # type: ignore[attr-defined]
    attach(shell, console)
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
    engine = open_engine(opts, _LogToStderr(err))
    try:
        console = RedisConsole(engine)
        session = console.session
        session.state.out = out
        session.state.err = err
        if sys.stdin.isatty() and out is sys.stdout.buffer and sys.stdout.isatty():
            return app.main(session, out, err, redis=console)
        return _piped_repl(console, sys.stdin.buffer, out)
    except KeyspaceError as exc:
        raise Failure(exc.message) from None
    finally:
        engine.close()


USAGE = (f"usage: {PROG} eval [options] SCRIPT [key ...] [, arg ...]\n"
         f"       {PROG} fcall [options] LIBRARY FUNCTION [key ...] [, arg ...]\n"
         f"       {PROG} repl [--url URL] [--setup FILE]\n")

_COMMANDS = {"eval": eval_main, "fcall": fcall_main}


def main(argv: Sequence[str], out: BinaryIO | None = None, err: BinaryIO | None = None) -> int:
    """`ferrous redis ...`; returns the exit status."""
    out = out if out is not None else sys.stdout.buffer
    err = err if err is not None else sys.stderr.buffer
    if not argv or argv[0] in ("-h", "--help"):
        (out if argv else err).write(USAGE.encode())
        return 0 if argv else 1
    if argv[0] not in ("eval", "fcall", "repl"):
        err.write(f"{PROG}: unknown command '{argv[0]}'\n{USAGE}".encode())
        return 1
    try:
        if argv[0] == "repl":
            return repl_main(argv[1:], out, err)
        tty = sys.stdout.isatty() if out is sys.stdout.buffer else False
        return _COMMANDS[argv[0]](argv[1:], out, err, tty)
    except Failure as failure:
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
