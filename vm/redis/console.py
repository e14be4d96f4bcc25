"""The engine's Lua environment for interactive use (``ferrous redis repl``).

Input typed at the REPL runs in the scripting environment itself, with the ``redis`` table, the
read-only globals and the Redis libraries, as the body of a script would: it is one long run
that may write, with empty KEYS and ARGV. Its top-level locals are session locals
(``session_locals``): they stay visible to later inputs. Raw commands go to the keyspace (or to
the scripting commands: EVAL, SCRIPT LOAD, FUNCTION LOAD, FCALL ...) as a client would send them;
``function_load`` and ``fcall`` load a library file and call a function as FUNCTION LOAD REPLACE
and FCALL would.
"""

from __future__ import annotations

from vm.redis.engine import ScriptEngine
from vm.redis.environment import set_keys_and_args
from vm.redis.keyspace import KeyspaceError
from vm.redis.reply import ErrorReply
from vm.redis.run import ScriptRun
from vm.redis.session_locals import SessionLocals, rewrite_locals
from vm.redis.splitargs import split_args
from vm.session import Session

CONSOLE_SHA = b"0" * 40  # the console's run has no script; errors name no real SHA1


class RedisConsole:
    """An engine whose session is ready to run typed Lua, and its raw commands."""

    def __init__(self, engine: ScriptEngine) -> None:
        self.engine = engine
        self.locals = SessionLocals(engine.session.state.globals)
        self.arm()

    @property
    def session(self) -> Session:
        return self.engine.session

    @property
    def resp(self) -> int:
        """The protocol the console's run reads replies in (redis.setresp changes it)."""
        run = self.engine.run
        return run.resp if run is not None else 2

    def arm(self) -> None:
        """Make the environment ready: a run in progress, KEYS and ARGV empty."""
        self.engine.run = ScriptRun(CONSOLE_SHA, read_only=False)
        set_keys_and_args(self.engine.session, [], [])

    def reset(self) -> Session:
        """A fresh Lua environment (SCRIPT FLUSH's) and no session locals, the keyspace kept."""
        self.engine.script_flush()
        self.locals = SessionLocals(self.engine.session.state.globals)
        self.arm()
        return self.engine.session

    def load(self, source: bytes, chunkname: bytes) -> object:
        """Compile an input (raises LoadError), its top-level locals made session locals."""
        text, names = rewrite_locals(source)
        fn = self.session.load(text, chunkname)
        self.locals.declare(names)
        fn.env = self.locals.table  # type: ignore[attr-defined]
        return fn

    def command(self, line: str) -> tuple[object, bool]:
        """One raw command, quoted as redis-cli reads it: its reply, and whether that is an
        error reply. ValueError for unbalanced quotes or a server that cannot be reached."""
        argv = split_args(line.encode("utf-8", "surrogateescape"))
        if argv is None:
            raise ValueError("Invalid argument(s)")
        return self._send(lambda: self.engine.command(argv))

    def function_load(self, code: bytes) -> tuple[object, bool]:
        """FUNCTION LOAD REPLACE of a library's code: the library's name or the error reply."""
        return self._send(lambda: self.engine.function_load(code, replace=True))

    def fcall(self, name: bytes, keys: list[bytes], args: list[bytes]) -> tuple[object, bool]:
        """FCALL of a loaded function."""
        return self._send(lambda: self.engine.fcall(name, keys, args))

    def _send(self, work) -> tuple[object, bool]:
        try:
            reply = work()
        except KeyspaceError as exc:
            raise ValueError(exc.message) from None
        finally:
            self.arm()  # EVAL, FCALL or SCRIPT FLUSH end or replace the console's run
        return reply, reply.__class__ is ErrorReply
