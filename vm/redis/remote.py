"""The remote keyspace: a real Redis server by URL, through redis-py, replies read raw.

redis-py connects (URL parsing, AUTH, SELECT, TLS for ``rediss://``); its reply parser is
replaced by ``RawReplyParser``, which reads RESP into reply values that keep every RESP type:
redis-py's own parsers give a status and a bulk string the same Python type. A script's
``redis.call`` reaches the server as a plain command on this connection, so the checks Redis
makes for scripts (arity, flags) use the server's own ``COMMAND`` table, and what the server's
script client does differently is reproduced here: a blocking command is sent inside
MULTI/EXEC (where it does not block, as for a script), a script's SELECT and RESP3 are undone
when it ends.
"""

from __future__ import annotations

from vm.redis.commands import CommandTable
from vm.redis.keyspace import KeyspaceError
from vm.redis.reply import ErrorReply, Status
from vm.redis.resp import ProtocolError, parse_reply


def _parser_base() -> type:
    from redis._parsers.base import _RESPBase

    return _RESPBase


class ServerErrorReply(Exception):
    """An error reply at the top of a response: redis-py raises what its parser returns when it
    is a ResponseError, so the reply travels inside one (see ``RawReplyParser``)."""

    def __init__(self, reply: ErrorReply) -> None:
        super().__init__(reply.text.decode("utf-8", "replace"))
        self.reply = reply


def _make_parser_class() -> type:
    from redis.exceptions import ResponseError

    class _ErrorInResponse(ServerErrorReply, ResponseError):
        pass

    class RawReplyParser(_parser_base()):  # type: ignore[misc]
        """redis-py parser giving reply values (``vm.redis.reply``) instead of decoded data."""

        def read_response(self, disable_decoding: bool = False, **kwargs: object) -> object:
            buf = self._buffer
            pos = buf.get_pos()
            timeout = kwargs.get("timeout")
            extra = {} if timeout is None else {"timeout": timeout}
            try:
                reply = parse_reply(lambda: buf.readline(**extra), lambda n: buf.read(n, **extra))
            except BaseException:
                buf.rewind(pos)
                raise
            buf.purge()
            if reply.__class__ is ErrorReply:
                return _ErrorInResponse(reply)  # type: ignore[arg-type]
            return reply

    return RawReplyParser


class RemoteKeyspace:
    """A connection to a real server at ``redis://[user:password@]host:port/db``."""

    def __init__(self, url: str) -> None:
        import redis

        self.url = url
        try:
            # no reply timeout (redis-py's default is 5 s): redis-cli waits as long as the
            # server takes (a slow command, a loaded machine)
            self._pool = redis.ConnectionPool.from_url(url, parser_class=_make_parser_class(),
                                                      protocol=2, socket_timeout=None)
            self._conn = self._pool.get_connection()
        except (redis.RedisError, ValueError, OSError) as exc:
            raise KeyspaceError(f"Could not connect to Redis at {self._where()}: {_reason(exc)}") \
                from None
        self._db = int(self._pool.connection_kwargs.get("db", 0) or 0)
        self._proto = 2
        self._selected = False
        self._commands: CommandTable | None = None

    def _where(self) -> str:
        try:
            from redis.connection import parse_url

            kw = parse_url(self.url)
        except ValueError:
            return self.url
        if "path" in kw:
            return str(kw["path"])
        return f"{kw.get('host', 'localhost')}:{kw.get('port', 6379)}"

    def describe(self) -> str:
        return self._where()

    @property
    def commands(self) -> CommandTable:
        """The server's own command table, asked once."""
        if self._commands is None:
            reply = self._roundtrip([b"COMMAND"])
            if reply.__class__ is ErrorReply:
                raise KeyspaceError("the server refused COMMAND: "
                                    + reply.text.decode("utf-8", "replace"))  # type: ignore[attr-defined]
            self._commands = CommandTable.from_command_reply(reply)
        return self._commands

    def _roundtrip(self, argv: list[bytes]) -> object:
        import redis

        try:
            self._conn.send_command(*argv)
            return self._conn.read_response()
        except ServerErrorReply as err:
            return err.reply
        except (redis.RedisError, OSError, ProtocolError) as exc:
            raise KeyspaceError(f"lost the connection to Redis at {self._where()}: {_reason(exc)}") \
                from None

    def _use_protocol(self, resp: int) -> None:
        if resp != self._proto:
            reply = self._roundtrip([b"HELLO", str(resp).encode()])
            if reply.__class__ is ErrorReply:
                raise KeyspaceError("the server refused HELLO %d: %s" % (
                    resp, reply.text.decode("utf-8", "replace")))  # type: ignore[attr-defined]
            self._proto = resp

    def execute(self, argv: list[bytes], resp: int = 2, *, from_script: bool = False) -> object:
        self._use_protocol(resp)
        if from_script:
            spec = self.commands.lookup(argv)
            if spec is not None and "blocking" in spec.flags:
                return self._unblocked(argv)
        reply = self._roundtrip(argv)
        if argv[0].lower() == b"select" and reply.__class__ is Status:
            self._selected = True
        return reply

    def _unblocked(self, argv: list[bytes]) -> object:
        """A blocking command inside MULTI/EXEC answers at once, as for a script client."""
        self._roundtrip([b"MULTI"])
        queued = self._roundtrip(argv)
        results = self._roundtrip([b"EXEC"])
        if queued.__class__ is ErrorReply:
            return queued
        if isinstance(results, list) and len(results) == 1:
            return results[0]
        return results

    def start_script(self) -> None:
        """Nothing to do: the server cannot be told to freeze its clock for key expiry."""

    def end_script(self) -> None:
        if self._selected:
            self._roundtrip([b"SELECT", str(self._db).encode()])
            self._selected = False
        self._use_protocol(2)

    def close(self) -> None:
        try:
            self._pool.disconnect()
        except Exception:  # closing a broken connection: nothing left to do
            pass


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for prefix in ("Error ", "Connection "):
        if text.startswith(prefix) and " connecting to " in text:
            # redis-py: "Error 111 connecting to host:port. Connection refused."
            return text.rsplit(". ", 1)[-1].rstrip(".") or text
    return text
