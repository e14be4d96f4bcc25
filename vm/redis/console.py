"""The engine's Lua environment for interactive use (``ferrous redis repl``).

Input typed at the REPL runs in the scripting environment itself, with the ``redis`` table, the
read-only globals and the Redis libraries, as the body of a script would: it is one long run
that may write, with empty KEYS and ARGV. Raw commands go to the keyspace (or the scripting
commands: EVAL, SCRIPT LOAD ...) as a client would send them.
"""

from __future__ import annotations

from vm.redis.engine import ScriptEngine
from vm.redis.environment import set_keys_and_args
from vm.redis.keyspace import KeyspaceError
from vm.redis.reply import ErrorReply
from vm.redis.run import ScriptRun
from vm.redis.splitargs import split_args
from vm.session import Session

CONSOLE_SHA = b"0" * 40  # the console's run has no script; errors name no real SHA1


class RedisConsole:
    """An engine whose session is ready to run typed Lua, and its raw commands."""

    def __init__(self, engine: ScriptEngine) -> None:
        self.engine = engine
        self.arm()

    @property
    def session(self) -> Session:
        return self.engine.session

    def arm(self) -> None:
        """Make the environment ready: a run in progress, KEYS and ARGV empty."""
        self.engine.run = ScriptRun(CONSOLE_SHA, read_only=False)
        set_keys_and_args(self.engine.session, [], [])

    def reset(self) -> Session:
        """A fresh Lua environment (SCRIPT FLUSH's), the keyspace kept."""
        self.engine.script_flush()
        self.arm()
        return self.engine.session

    def command(self, line: str) -> tuple[object, bool]:
        """One raw command, quoted as redis-cli reads it: its reply, and whether that is an
        error reply. ValueError for unbalanced quotes or a server that cannot be reached."""
        argv = split_args(line.encode("utf-8", "surrogateescape"))
        if argv is None:
            raise ValueError("Invalid argument(s)")
        try:
            reply = self.engine.command(argv)
        except KeyspaceError as exc:
            raise ValueError(exc.message) from None
        finally:
            self.arm()  # EVAL or SCRIPT FLUSH end or replace the console's run
        return reply, reply.__class__ is ErrorReply
