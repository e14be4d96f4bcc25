"""The debugger inside another front end: the REPL's ``:debug CODE`` debugs the code in the
REPL's own session (its globals, its functions) and gives the session back, with what the code
did, when the debugger closes. In ``ferrous redis repl`` the code runs as the console runs its
input (session locals, ``redis.call`` on the console's keyspace) under the Redis debugger, whose
panels show the keyspace and the call log and whose steps back take the keyspace back too."""

from __future__ import annotations

from collections.abc import Callable

from ferrous_repl.debugger.app import DebuggerApp
from ferrous_repl.debugger.target import from_code
from vm.errors import LoadError
from vm.session import Session


def make_code_app(session: Session, code: str, theme: str | None = None, redis: object = None) -> DebuggerApp:
    """The debugger on ``code`` compiled in ``session`` (or, given a Redis console, as that
    console compiles input); raises LoadError."""
    if redis is not None:
        from ferrous_repl.debugger.redis_app import make_redis_app
        from vm.redis.debugsession import RedisDebugSession

        redis.arm()  # type: ignore[attr-defined] # a run of its own: the call log starts empty
        run = RedisDebugSession.console(redis, code.encode("utf-8", "surrogateescape"))
        return make_redis_app(run, code.splitlines()[0] if code else "(debug)", theme)
    return DebuggerApp(from_code(session, code), theme)


def debug_code(session: Session, code: str, theme: str | None = None, redis: object = None,
               typed_after: Callable[[str], None] | None = None) -> str | None:
    """Open the debugger on ``code`` and return when the user quits: None, or the message
    saying why it could not start (a syntax error). ``redis``: the console of ``ferrous redis
    repl`` (a vm.redis.console.RedisConsole), whose engine is given back afterwards.
    ``typed_after``: takes the keys typed after the quitting `q` (for the caller's prompt)."""
    try:
        app = make_code_app(session, code, theme, redis)
    except LoadError as exc:
        return exc.msg.decode("utf-8", "replace")
    try:
        app.run()
        if typed_after is not None and app.typed_after_quit:
            typed_after("".join(app.typed_after_quit))
    finally:
        app.debugger.pause()
        app.debugger.close()
        if redis is not None:
            app.redis.detach()  # type: ignore[attr-defined]
            redis.arm()  # type: ignore[attr-defined]
    return None
