"""What the Redis front ends (``ferrous redis eval|fcall|repl``, ``ferrous debug --redis``) share:
their arguments, reading the script and setup files, the keys and arguments of a call, and
opening the engine on its keyspace.

Keys and arguments follow redis-cli's ``--eval`` rule: words up to a lone ``,`` are keys, the
rest arguments. ``--args-file FILE`` adds words read from a file, quoted as redis-cli reads a
command line (``"a\\x00b"``, ``'it''s'``...), so that arguments may hold any byte, NUL included.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from vm.redis.engine import EngineListener, ScriptEngine
from vm.redis.flavor import FLAVORS
from vm.redis.keyspace import KeyspaceError, open_keyspace
from vm.redis.reply import ErrorReply
from vm.redis.splitargs import split_args
from vm.session import Limits

DEFAULT_TIME_LIMIT = 5.0  # seconds: Redis's busy-reply-threshold (lua-time-limit)


class Failure(Exception):
    """Something the user must fix (a file, the server, an argument): printed, status 1."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Parser(argparse.ArgumentParser):
    """argparse, with a missing file named in plain words."""

    def __init__(self, *args: object, missing: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.missing = missing

    def error(self, message: str) -> None:  # type: ignore[override]
        if self.missing and "the following arguments are required" in message:
            message = self.missing
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def keyspace_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", help="run against the real server at redis://host:port/db "
                                 "(default: an embedded keyspace)")
    p.add_argument("--setup", metavar="FILE",
                   help="Redis commands (one per line, redis-cli quoting) to run first")
    p.add_argument("--flavor", choices=sorted(FLAVORS), default="redis",
                   help="the scripting environment: Redis 7.0 (default) or Valkey 8 (server.* names)")


def call_arguments(p: argparse.ArgumentParser) -> None:
    """[key ...] [, arg ...] and --args-file."""
    p.add_argument("words", nargs=argparse.REMAINDER,
                   help="keys, then a lone ',' and the arguments")
    p.add_argument("--args-file", metavar="FILE",
                   help="more keys and arguments, quoted as redis-cli reads them (\"\\x00\" for a "
                        "NUL byte), after those of the command line")


def script_arguments(p: argparse.ArgumentParser) -> None:
    """SCRIPT [key ...] [, arg ...] with the keyspace options (``eval`` and ``debug --redis``)."""
    p.add_argument("script", help="the file holding the script")
    call_arguments(p)
    keyspace_arguments(p)


def time_limit(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not seconds >= 0:  # NaN too
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more seconds, not {text}")
    return seconds


def limit_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--time-limit", type=time_limit, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help="kill the script after this long (default %(default)g; 0: no limit)")


def read_file(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise Failure(f"Can't open {what} '{path}': {exc.strerror or exc}") from None


def file_words(path: str) -> list[bytes]:
    """The words of an --args-file: each line split as redis-cli splits a command line; blank
    lines and lines starting with '#' skipped."""
    words: list[bytes] = []
    for n, line in enumerate(read_file(path, "arguments file").split(b"\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        parts = split_args(line)
        if parts is None:
            raise Failure(f"{path}:{n}: Invalid argument(s) (unbalanced quotes)")
        words.extend(parts)
    return words


def split_keys_args(words: Sequence[str | bytes]) -> tuple[list[bytes], list[bytes]]:
    """redis-cli's evalMode: keys until the first lone ',', arguments after it."""
    keys: list[bytes] = []
    args: list[bytes] = []
    target = keys
    for w in words:
        b = os.fsencode(w) if isinstance(w, str) else w
        if target is keys and b == b",":
            target = args
            continue
        target.append(b)
    return keys, args


def keys_and_args(opts: argparse.Namespace) -> tuple[list[bytes], list[bytes]]:
    words: list[str | bytes] = list(opts.words)
    if opts.args_file:
        words.extend(file_words(opts.args_file))
    return split_keys_args(words)


def run_setup(engine: ScriptEngine, path: str) -> None:
    """Each non-blank line of the setup file (``#`` starts a comment line) is a command; an
    error reply stops the run."""
    data = read_file(path, "setup file")
    for n, line in enumerate(data.split(b"\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(b"#"):
            continue
        argv = split_args(line)
        if argv is None:
            raise Failure(f"{path}:{n}: Invalid argument(s)")
        if not argv:
            continue
        reply = engine.command(argv)
        if reply.__class__ is ErrorReply:
            text = reply.text.decode("utf-8", "replace")  # type: ignore[attr-defined]
            raise Failure(f"{path}:{n}: {text}")


def open_engine(opts: argparse.Namespace, listener: EngineListener | None = None,
                limits: Limits | None = None) -> ScriptEngine:
    """The engine on the keyspace the options name, with the setup file run."""
    try:
        keyspace = open_keyspace(opts.url)
    except KeyspaceError as exc:
        raise Failure(exc.message) from None
    engine = ScriptEngine(keyspace, limits, listener, FLAVORS[opts.flavor])
    try:
        if opts.setup:
            run_setup(engine, opts.setup)
    except KeyspaceError as exc:
        engine.close()
        raise Failure(exc.message) from None
    except Failure:
        engine.close()
        raise
    return engine
