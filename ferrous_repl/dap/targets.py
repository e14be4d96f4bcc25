"""What a ``launch`` request starts: a Lua program (``program``, ``args``, ``cwd``, ``stdin``),
a Redis script (``redis``: ``keys``, ``argv``, ``url``, ``setup``, ``flavor``) or a Redis
function (``redis.function``: the program is then a function library, and the call is FCALL's,
``redis.ro`` FCALL_RO's). The program is loaded as ``ferrous FILE`` / ``ferrous debug --redis``
load it; a failure is a ``LaunchError`` with the message those commands print."""

from __future__ import annotations

import argparse
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from vm.debugger import Debugger
from vm.errors import LoadError
from vm.session import Session

# the ``arg`` table as lua.c builds it: the interpreter at -1, the script at 0, its arguments
ARG_TABLE = b"local t = {} for i = 1, select('#', ...) do t[i - 2] = (select(i, ...)) end arg = t"


class LaunchError(Exception):
    """The launch cannot happen: the message says why, as the command line would."""


@dataclass(slots=True)
class Program:
    """A launched program: its debugger, where its chunks' text is (chunk name -> file path or
    source text) and, for Redis, the debug session that owns the engine."""

    debugger: Debugger
    path: str  # the program file, absolute
    chunkname: bytes  # the main chunk's name as the VM knows it (``@prog.lua``, ``@user_script``)
    redis: object = None  # vm.redis.debugsession.RedisDebugSession
    texts: dict[bytes, bytes] = field(default_factory=dict)  # chunk name -> source, when no file

    @property
    def rewinds(self) -> bool:
        """Going back restores everything (False for a script against a real server)."""
        return self.redis is None or bool(self.redis.rewinds)  # type: ignore[attr-defined]

    def close(self) -> None:
        try:
            self.debugger.close()
        finally:
            if self.redis is not None:
                self.redis.close()  # type: ignore[attr-defined]


def launch(config: dict) -> Program:
    """The program a launch configuration names (``cwd`` is made the working directory)."""
    program = config.get("program")
    if not isinstance(program, str) or not program:
        raise LaunchError("launch: 'program' must name a Lua file")
    cwd = config.get("cwd")
    if cwd is not None:
        if not isinstance(cwd, str):
            raise LaunchError("launch: 'cwd' must be a directory name")
        try:
            os.chdir(cwd)
        except OSError as exc:
            raise LaunchError(f"launch: cannot change to the directory {cwd!r}: {exc.strerror}") from None
    redis = config.get("redis")
    if redis is not None:
        if not isinstance(redis, dict):
            raise LaunchError("launch: 'redis' must be an object (keys, argv, url, setup, function)")
        return _redis(program, redis)
    args = config.get("args", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise LaunchError("launch: 'args' must be an array of strings")
    stdin = config.get("stdin")
    if stdin is not None and not isinstance(stdin, str):
        raise LaunchError("launch: 'stdin' must name a file")
    return _lua(program, args, stdin)


def _lua(path: str, args: list[str], stdin: str | None) -> Program:
    session = Session()
    words = [a.encode("utf-8", "surrogateescape") for a in ["ferrous", path, *args]]
    session.call(session.load(ARG_TABLE, b"=(arg)"), words)
    if stdin is not None:
        try:
            data = Path(stdin).read_bytes()
        except OSError as exc:
            raise LaunchError(f"launch: cannot read the stdin file {stdin!r}: {exc.strerror}") from None
        session.state.stdin = io.BytesIO(data)
    try:
        fn = session.load_file(path)
    except LoadError as exc:
        raise LaunchError(exc.msg.decode("utf-8", "replace")) from None
    debugger = Debugger(session, fn, [a.encode("utf-8", "surrogateescape") for a in args])
    return Program(debugger, str(Path(path).resolve()), b"@" + os.fsencode(path))


def _redis(path: str, redis: dict) -> Program:
    from ferrous_repl.redis_args import Failure, open_engine, read_file
    from vm.redis.debugsession import RedisDebugSession, ScriptLoadError
    from vm.redis.keyspace import KeyspaceError

    keys = _words(redis, "keys")
    argv = _words(redis, "argv")
    options = {}
    for name in ("url", "setup", "function"):
        value = redis.get(name)
        if value is not None and not isinstance(value, str):
            raise LaunchError(f"launch: 'redis.{name}' must be a string")
        options[name] = value
    flavor = redis.get("flavor", "redis")
    opts = argparse.Namespace(url=options["url"], setup=options["setup"], flavor=flavor)
    try:
        body = read_file(path, "library file" if options["function"] else "file")
        from vm.redis.flavor import FLAVORS

        if flavor not in FLAVORS:
            raise Failure(f"'redis.flavor' must be one of {', '.join(sorted(FLAVORS))}")
        engine = open_engine(opts)
    except Failure as exc:
        raise LaunchError(exc.message) from None
    try:
        if options["function"] is not None:
            session = RedisDebugSession.function(engine, body, os.fsencode(options["function"]), keys,
                                                 argv, ro=bool(redis.get("ro", False)))
        else:
            session = RedisDebugSession(engine, body, keys, argv)
    except ScriptLoadError as exc:
        engine.close()
        raise LaunchError(exc.reply.text.decode("utf-8", "replace")) from None
    except KeyspaceError as exc:
        engine.close()
        raise LaunchError(exc.message) from None
    assert session.debugger is not None
    program = Program(session.debugger, str(Path(path).resolve()), session.chunkname, session)
    program.texts[session.chunkname] = session.source
    return program


def _words(redis: dict, name: str) -> list[bytes]:
    words = redis.get(name, [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise LaunchError(f"launch: 'redis.{name}' must be an array of strings")
    return [w.encode("utf-8", "surrogateescape") for w in words]
