"""``ferrous debug --redis [--url URL] [--setup FILE] SCRIPT [key ...] [, arg ...]``: the step
debugger on a Redis script, with the arguments of ``ferrous redis eval`` (redis-cli's
``--eval`` rule: keys, then a lone ``,`` and the arguments); with ``--function NAME`` the file
is a function library and the debugger runs that function as FCALL would (after FUNCTION LOAD
REPLACE of the library), as ``ferrous redis fcall`` does."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ferrous_repl.redis_args import Failure, Parser, keys_and_args, open_engine, read_file, script_arguments
from vm.redis.debugsession import RedisDebugSession, ScriptLoadError
from vm.redis.keyspace import KeyspaceError

PROG = "ferrous debug --redis"


def _parser() -> argparse.ArgumentParser:
    p = Parser(prog=PROG, description="Step through a Redis Lua script with KEYS and ARGV bound "
                                      "(or a function of a library, with --function), its keyspace "
                                      "and its redis.call log.",
               missing="no script file given: ferrous debug --redis SCRIPT [key ...] [, arg ...]")
    script_arguments(p)
    p.add_argument("--function", metavar="NAME",
                   help="the file is a function library: debug the call of its function NAME")
    p.add_argument("--ro", action="store_true", help="with --function: call it as FCALL_RO")
    return p


def open_session(argv: Sequence[str]) -> tuple[RedisDebugSession, str]:
    """The session the arguments describe, and the title; raises Failure with the message."""
    opts = _parser().parse_args(list(argv))
    body = read_file(opts.script, "library file" if opts.function else "file")
    keys, args = keys_and_args(opts)
    engine = open_engine(opts)
    try:
        if opts.function is not None:
            session = RedisDebugSession.function(engine, body, os.fsencode(opts.function), keys, args,
                                                 ro=opts.ro)
            return session, f"{opts.script}: {opts.function}"
        return RedisDebugSession(engine, body, keys, args), opts.script
    except ScriptLoadError as exc:
        engine.close()
        raise Failure(f"(error) {exc.reply.text.decode('utf-8', 'replace')}") from None
    except KeyspaceError as exc:
        engine.close()
        raise Failure(exc.message) from None


def main(argv: Sequence[str], theme: str | None = None) -> int:
    try:
        session, name = open_session(argv)
    except Failure as failure:
        sys.stderr.write(f"{PROG}: {failure.message}\n")
        return 1
    from ferrous_repl.debugger.redis_app import make_redis_app

    try:
        make_redis_app(session, name, theme).run()
    finally:
        session.close()
    return 0
