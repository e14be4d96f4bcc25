"""The DAP channel: messages in, responses and events out, sequence numbers, one handler per
request.

A ``Channel`` reads bytes from a source (a pipe or a socket), frames them (framing.py), and
writes framed messages under a lock (events come from several threads). ``serve`` dispatches
each request to the handler registered for its command: a handler returns the response body,
or raises ``RequestError`` for an error response; anything else it raises is reported as an
internal error in an error response. A malformed message is answered with an error response
too, and the channel carries on.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from ferrous_repl.dap.framing import Malformed, MessageReader, encode


class RequestError(Exception):
    """A request that cannot be done: the error response's message, in words. ``show``: the
    client should show it to the user (DAP's ``showUser``)."""

    def __init__(self, message: str, *, show: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.show = show


class Answered(Exception):  # noqa: N818 - a signal, not an error
    """Raised by a handler that has sent its response itself (before events that must follow
    it)."""


@dataclass(slots=True)
class Request:
    seq: int
    command: str
    arguments: dict = field(default_factory=dict)


class Channel:
    """One client connection."""

    def __init__(self, read: Callable[[], bytes], write: Callable[[bytes], None]) -> None:
        self._read = read
        self._write = write
        self._reader = MessageReader()
        self._lock = threading.Lock()
        self._seq = 0
        self.closed = False

    def messages(self):
        """Incoming messages (dicts) and Malformed records, until the source ends."""
        while True:
            try:
                data = self._read()
            except OSError:
                data = b""
            if not data:
                return
            yield from self._reader.feed(data)

    def send(self, message: dict) -> None:
        with self._lock:
            if self.closed:
                return
            self._seq += 1
            message["seq"] = self._seq
            try:
                self._write(encode(message))
            except OSError:  # the client has gone: nothing more can be told
                self.closed = True

    def event(self, event: str, body: dict | None = None) -> None:
        message: dict = {"type": "event", "event": event}
        if body is not None:
            message["body"] = body
        self.send(message)

    def respond(self, request: Request, body: dict | None = None) -> None:
        message: dict = {"type": "response", "request_seq": request.seq, "success": True,
                         "command": request.command}
        if body is not None:
            message["body"] = body
        self.send(message)

    def fail(self, request: Request, text: str, show: bool = False) -> None:
        """An error response (with DAP's structured ``error`` as well as ``message``)."""
        self.send({"type": "response", "request_seq": request.seq, "success": False,
                   "command": request.command, "message": text,
                   "body": {"error": {"id": 1, "format": text.replace("{", "{{").replace("}", "}}"),
                                      "showUser": show}}})


Handler = Callable[[Request], dict | None]


class Registry:
    """Handlers by command: ``@registry.handles("next")`` on a method of the adapter."""

    def __init__(self) -> None:
        self.handlers: dict[str, str] = {}

    def handles(self, command: str):
        def mark(fn):
            self.handlers[command] = fn.__name__
            return fn

        return mark


def answer(channel: Channel, request: Request, handler: Handler) -> None:
    """Run a handler and send its response (an error response when it fails)."""
    try:
        body = handler(request)
    except Answered:
        return
    except RequestError as exc:
        channel.fail(request, exc.message, exc.show)
        return
    except Exception as exc:  # noqa: BLE001 - a bug in the adapter must not end the session
        internal_error(channel, request, exc)
        return
    channel.respond(request, body)


def internal_error(channel: Channel, request: Request, exc: BaseException) -> None:
    detail = "".join(traceback.format_exception(exc)) if _show_tracebacks() else ""
    if detail:
        sys.stderr.write(detail)
    channel.fail(request, f"internal error in ferrous: {type(exc).__name__}: {exc}")


def _show_tracebacks() -> bool:
    import os

    return bool(os.environ.get("FERROUS_TRACEBACK"))


def as_request(message: dict | Malformed) -> Request | Malformed | None:
    """A request from a message; a Malformed record for one that cannot be a request; None for
    a message the adapter ignores (responses to its own reverse requests, events)."""
    if isinstance(message, Malformed):
        return message
    if message.get("type") != "request":
        return None
    args = message.get("arguments", {})
    seq = message.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool):
        return Malformed("a request without a numeric 'seq'", 0, message["command"])
    if args is None:
        args = {}
    if not isinstance(args, dict):
        return Malformed("'arguments' must be an object", seq, message["command"])
    return Request(seq, message["command"], args)


def refuse(channel: Channel, bad: Malformed) -> None:
    """Answer a malformed message."""
    channel.fail(Request(bad.seq, bad.command), f"malformed message: {bad.reason}")


# --- reading arguments ---------------------------------------------------------------------


def arg(request: Request, name: str, kind: type | tuple[type, ...], default: object = ...,
        ) -> object:
    """An argument of the request, checked: RequestError naming it when it is missing (and has
    no default) or of the wrong type (an int is not a bool here, as in JSON)."""
    args = request.arguments
    if name not in args or args[name] is None:
        if default is ...:
            raise RequestError(f"{request.command}: the argument '{name}' is missing")
        return default
    value = args[name]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        ok = False
    else:
        ok = isinstance(value, kinds) or (float in kinds and isinstance(value, int))
    if not ok:
        names = " or ".join(_JSON_NAMES.get(k, k.__name__) for k in kinds)
        raise RequestError(f"{request.command}: the argument '{name}' must be {names}")
    return value


_JSON_NAMES = {int: "a number", float: "a number", str: "a string", bool: "true or false",
               dict: "an object", list: "an array"}
