"""The command table scripts are checked against, and the checks Redis makes before running a
command for ``redis.call`` (script.c's scriptCall).

A table comes from a server's ``COMMAND`` reply: the remote keyspace asks its server; the
embedded keyspace uses ``commands70.json``, the table of Redis 7.0.15 written by
``python -m vm.redis.commands redis://host:port`` (a test checks it against a live server).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from importlib import resources

from vm.redis.reply import SetReply

# CMD_MAY_REPLICATE is hidden from COMMAND's flags on purpose (server.c), yet a read-only script
# refuses these as write commands. Redis 7.0.15's commands.c gives the flag to exactly these.
MAY_REPLICATE = frozenset({b"pfcount", b"publish", b"spublish", b"eval", b"evalsha", b"fcall"})

_DATA_FILE = "commands70.json"


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """One command or subcommand: lower-case name (``get``, ``config|get``), arity as COMMAND
    gives it (negative: at least that many arguments), flags, and the subcommands of a container
    command (``config``, ``client``) by lower-case name."""

    name: bytes
    arity: int
    flags: frozenset[str]
    subcommands: dict[bytes, CommandSpec] | None = None

    @property
    def writes(self) -> bool:
        """A write command for a read-only script: CMD_WRITE or CMD_MAY_REPLICATE."""
        return "write" in self.flags or self.name in MAY_REPLICATE

    def arity_ok(self, argc: int) -> bool:
        """scriptVerifyCommandArity's test, argc counting the command name."""
        a = self.arity
        return not ((a > 0 and a != argc) or argc < -a)


class CommandTable:
    """Commands by lower-case name, looked up as lookupCommandLogic does."""

    def __init__(self, commands: dict[bytes, CommandSpec]) -> None:
        self.commands = commands

    def lookup(self, argv: list[bytes]) -> CommandSpec | None:
        """The command argv names: a container command with more than one word is its
        subcommand (None when unknown); alone, the container itself."""
        spec = self.commands.get(argv[0].lower())
        if spec is None or spec.subcommands is None or len(argv) == 1:
            return spec
        return spec.subcommands.get(argv[1].lower())

    @classmethod
    def from_command_reply(cls, reply: object) -> CommandTable:
        """From a server's ``COMMAND`` reply (parsed with ``resp.parse_reply``)."""
        if not isinstance(reply, list):
            raise ValueError("COMMAND did not answer with an array")
        return cls({spec.name: spec for spec in (_spec(e) for e in reply)})

    @classmethod
    def builtin(cls) -> CommandTable:
        """Redis 7.0.15's table, from ``commands70.json``."""
        text = resources.files("vm.redis").joinpath(_DATA_FILE).read_text("utf-8")
        return cls.from_json(json.loads(text))

    @classmethod
    def from_json(cls, data: dict) -> CommandTable:
        return cls({name.encode(): _from_json(name.encode(), row) for name, row in data.items()})

    def to_json(self) -> dict:
        return {name.decode(): _to_json(spec) for name, spec in sorted(self.commands.items())}


def _text(v: object) -> str:
    return bytes(v).decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def _spec(entry: object) -> CommandSpec:
    """One COMMAND entry: [name, arity, flags, first, last, step, acl, tips, keyspecs, subs]."""
    if not isinstance(entry, list) or len(entry) < 3:
        raise ValueError(f"unexpected COMMAND entry {entry!r}")
    full = bytes(entry[0]).lower()
    raw_flags = entry[2]
    flags = raw_flags.items if isinstance(raw_flags, SetReply) else raw_flags
    subs = entry[9] if len(entry) > 9 and isinstance(entry[9], list) and entry[9] else None
    sub_specs = None
    if subs:
        sub_specs = {}
        for sub in subs:
            s = _spec(sub)
            sub_specs[s.name.split(b"|", 1)[-1]] = s
    return CommandSpec(full, int(entry[1]), frozenset(_text(f) for f in flags), sub_specs)  # type: ignore[arg-type]


def _to_json(spec: CommandSpec) -> list:
    row: list = [spec.arity, sorted(spec.flags)]
    if spec.subcommands:
        row.append({n.decode(): _to_json(s) for n, s in sorted(spec.subcommands.items())})
    return row


def _from_json(name: bytes, row: list) -> CommandSpec:
    subs = None
    if len(row) > 2:
        subs = {n.encode(): _from_json(name + b"|" + n.encode(), r) for n, r in row[2].items()}
    return CommandSpec(name, int(row[0]), frozenset(row[1]), subs)


def script_call_error(table: CommandTable, argv: list[bytes], read_only: bool) -> bytes | None:
    """What scriptCall refuses before running a command, as the error text (``ERR`` prefix
    included), or None: unknown command, wrong arity, a command scripts may not run, a write
    command in a read-only script. (Replicas, ACLs, OOM and cluster checks do not apply here.)"""
    spec = table.lookup(argv)
    if spec is None:
        return b"ERR Unknown Redis command called from script"
    if not spec.arity_ok(len(argv)):
        return b"ERR Wrong number of args calling Redis command from script"
    if "noscript" in spec.flags:
        return b"ERR This Redis command is not allowed from script"
    if read_only and spec.writes:
        return b"ERR Write commands are not allowed from read-only scripts."
    return None


def _c(s: bytes, n: int) -> bytes:
    """printf's %.*s of a C string: at most n bytes, up to a NUL."""
    return s.split(b"\0", 1)[0][:max(n, 0)]


def client_call_error(table: CommandTable, argv: list[bytes]) -> bytes | None:
    """processCommand's refusals for a client's command (commandCheckExistence,
    commandCheckArity), as the error text, or None."""
    spec = table.lookup(argv)
    if spec is None:
        if len(argv) > 1 and table.lookup(argv[:1]) is not None:
            text = b"ERR unknown subcommand '%s'. Try %s HELP." % (_c(argv[1], 128),
                                                                  _c(argv[0], len(argv[0])).upper())
        else:
            args = b""
            for a in argv[1:]:
                if len(args) >= 128:
                    break
                args += b"'%s' " % _c(a, 128 - len(args))
            text = b"ERR unknown command '%s', with args beginning with: %s" % (_c(argv[0], 128), args)
        return text.replace(b"\r", b" ").replace(b"\n", b" ")
    if not spec.arity_ok(len(argv)):
        return b"ERR wrong number of arguments for '%s' command" % spec.name
    return None


def script_client_error(argv: list[bytes]) -> bytes | None:
    """What a command answers differently because a script's client runs it, when that is an
    error: XREAD and XREADGROUP refuse BLOCK (t_stream.c; other blocking commands just do not
    block, which the keyspaces take care of)."""
    name = argv[0].lower()
    if name == b"xread" or name == b"xreadgroup":
        for i in range(1, len(argv) - 1):
            if argv[i].lower() == b"block":
                return b"ERR %s command is not allowed with BLOCK option from scripts" % argv[0]
    return None


def string2ll(s: bytes) -> int | None:
    """Redis's string2ll: a decimal integer with no sign but '-', no leading zeros or blanks,
    within 64 bits."""
    if s == b"0":
        return 0
    neg = s[:1] == b"-"
    digits = s[1:] if neg else s
    if not digits or not digits.isdigit() or not digits.isascii() or digits[:1] == b"0":
        return None
    v = -int(digits) if neg else int(digits)
    if not -(1 << 63) <= v < (1 << 63):
        return None
    return v


def _generate(url: str) -> None:
    """Print the COMMAND table of the server at url as the JSON data file."""
    from vm.redis.remote import RemoteKeyspace

    ks = RemoteKeyspace(url)
    try:
        table = ks.commands
    finally:
        ks.close()
    rows = table.to_json()
    lines = [f"{json.dumps(name)}: {json.dumps(row, separators=(',', ':'))}" for name, row in rows.items()]
    sys.stdout.write("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    _generate(sys.argv[1])
