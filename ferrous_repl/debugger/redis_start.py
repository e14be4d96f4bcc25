"""``ferrous debug --redis [--url URL] [--setup FILE] SCRIPT [key ...] [, arg ...]``: the step
debugger on a Redis script, with the arguments of ``ferrous redis eval`` (redis-cli's
``--eval`` rule: keys, then a lone ``,`` and the arguments)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ferrous_repl.redis_cli import _Failure, _read, run_setup, script_arguments, split_keys_args
from vm.redis.debugsession import RedisDebugSession, ScriptLoadError
from vm.redis.engine import ScriptEngine
from vm.redis.keyspace import KeyspaceError, open_keyspace

PROG = "ferrous debug --redis"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, description="Step through a Redis Lua script with KEYS and ARGV "
                                                       "bound, its keyspace and its redis.call log.")
    script_arguments(p)
    return p


def open_session(argv: Sequence[str]) -> tuple[RedisDebugSession, str]:
    """The session the arguments describe, and the title; raises _Failure with the message."""
    opts = _parser().parse_args(list(argv))
    body = _read(opts.script, "file")
    keys, args = split_keys_args(opts.words)
    try:
        engine = ScriptEngine(open_keyspace(opts.url))
    except KeyspaceError as exc:
        raise _Failure(exc.message) from None
    try:
        if opts.setup:
            run_setup(engine, opts.setup)
        return RedisDebugSession(engine, body, keys, args), opts.script
    except ScriptLoadError as exc:
        engine.close()
        raise _Failure(f"(error) {exc.reply.text.decode('utf-8', 'replace')}") from None
    except (KeyspaceError, _Failure) as exc:
        engine.close()
        raise _Failure(exc.message) from None


def main(argv: Sequence[str], theme: str | None = None) -> int:
    try:
        session, name = open_session(argv)
    except _Failure as failure:
        sys.stderr.write(f"{PROG}: {failure.message}\n")
        return 1
    from ferrous_repl.debugger.redis_app import make_redis_app

    try:
        make_redis_app(session, name, theme).run()
    finally:
        session.close()
    return 0
