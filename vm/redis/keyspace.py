"""Where commands go: the interface both keyspaces give the script engine.

A keyspace runs one command at a time and answers with reply values (``vm.redis.reply``), their
RESP types kept: a status is a ``Status``, an error an ``ErrorReply``, nil ``None``. Two kinds:
``embedded`` (an in-process Redis command implementation, the default) and ``remote`` (a real
server by URL).
"""

from __future__ import annotations

from typing import Protocol

from vm.redis.commands import CommandTable


class KeyspaceError(Exception):
    """The keyspace cannot be reached or failed outside Redis's own replies (a lost
    connection, a refused connection): not a reply a script can see as a Redis error."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Keyspace(Protocol):
    """The operations the script engine needs from a keyspace."""

    commands: CommandTable
    """The command table ``redis.call`` is checked against (arity, flags)."""

    def execute(self, argv: list[bytes], resp: int = 2, *, from_script: bool = False) -> object:
        """Run one command; ``resp`` is the protocol its reply is shaped for. From a script a
        blocking command does not block (Redis's script client denies blocking)."""
        ...

    def start_script(self) -> None:
        """A script starts: Redis 7 freezes the clock for key expiry until it ends (the embedded
        keyspace does; a real server cannot be told that commands sent one by one belong to a
        script)."""
        ...

    def end_script(self) -> None:
        """Undo what a script may leave on the connection (a SELECTed database, RESP3)."""
        ...

    def describe(self) -> str:
        """For messages: ``embedded`` or the server's address."""
        ...

    def close(self) -> None:
        ...


def open_keyspace(url: str | None = None) -> Keyspace:
    """The embedded keyspace, or the real server at ``redis://host:port/db``."""
    if url is None:
        from vm.redis.embedded import EmbeddedKeyspace

        return EmbeddedKeyspace()
    from vm.redis.remote import RemoteKeyspace

    return RemoteKeyspace(url)
