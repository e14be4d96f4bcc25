"""One script run (Redis's scriptRunCtx) and the record of the commands it made."""

from __future__ import annotations

from dataclasses import dataclass, field

REPL_ALL = 3  # PROPAGATE_AOF | PROPAGATE_REPL


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One redis.call / redis.pcall: the command, its reply (an ``ErrorReply`` also when Redis
    refused it before running it), and the script line that made it."""

    argv: tuple[bytes, ...]
    reply: object
    line: int
    raised: bool  # redis.call turned the error into a Lua error


@dataclass(slots=True)
class ScriptRun:
    """The state of the running script: its SHA1, whether it may write, the protocol it reads
    replies in (redis.setresp), its replication flags (redis.set_repl), the calls it made."""

    sha: bytes
    read_only: bool
    resp: int = 2
    repl: int = REPL_ALL
    calls: list[CallRecord] = field(default_factory=list)
