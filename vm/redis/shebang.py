"""The script shebang of Redis 7 (eval.c's evalExtractShebangFlags): ``#!lua flags=no-writes``.

A script without a shebang runs in compatibility mode (the rules of Redis 6: it may write); one
with ``#!lua`` declares its flags, and without ``no-writes`` in them it is refused by EVAL_RO.
The shebang line is not compiled, but its line break is, so line numbers stay right.
"""

from __future__ import annotations

from dataclasses import dataclass

from vm.redis.splitargs import split_args

FLAG_NAMES = ("no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys")


@dataclass(frozen=True, slots=True)
class Shebang:
    """What a script body declares: ``compat`` when it has no shebang, else its flags; ``skip``
    is the length of the shebang line (the body compiled starts there, at its newline)."""

    compat: bool
    flags: frozenset[str]
    skip: int

    @property
    def no_writes(self) -> bool:
        return not self.compat and "no-writes" in self.flags


class ShebangError(Exception):
    """A shebang EVAL refuses; ``message`` is the reply text, without the ``ERR`` code."""

    def __init__(self, message: bytes) -> None:
        super().__init__(message.decode("utf-8", "replace"))
        self.message = message


def parse_shebang(body: bytes) -> Shebang:
    """Read the flags a script body declares; raise ShebangError as Redis refuses it."""
    if not body.startswith(b"#!"):
        return Shebang(True, frozenset(), 0)
    nul = body.find(b"\0")
    end = body.find(b"\n", 0, nul if nul >= 0 else len(body))  # strchr on a C string
    if end < 0:
        raise ShebangError(b"Invalid script shebang")
    parts = split_args(body[:end])
    if not parts:
        raise ShebangError(b"Invalid engine in script shebang")
    if parts[0] != b"#!lua":
        raise ShebangError(b"Unexpected engine in script shebang: " + parts[0])
    flags = set()
    for part in parts[1:]:
        if not part.startswith(b"flags="):
            raise ShebangError(b"Unknown lua shebang option: " + part)
        for flag in _split_flags(part[6:]):
            name = flag.decode("latin-1")
            if name not in FLAG_NAMES:
                raise ShebangError(b"Unexpected flag in script shebang: " + flag)
            flags.add(name)
    return Shebang(False, frozenset(flags), end)


def _split_flags(text: bytes) -> list[bytes]:
    """sdssplitlen(text, ","): an empty text has no flags; otherwise every comma separates,
    empty pieces included (and an empty piece is not a flag)."""
    if not text:
        return []
    return text.split(b",")
