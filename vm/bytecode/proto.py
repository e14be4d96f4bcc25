"""Function prototypes: the compiled form of one Lua function (lobject.h's Proto)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Lua constants: nil, booleans, numbers (always floats, as Lua 5.1 has only doubles) and byte strings.
Constant = None | bool | float | bytes

# is_vararg flags (lobject.h)
VARARG_HASARG = 1
VARARG_ISVARARG = 2
VARARG_NEEDSARG = 4


@dataclass(slots=True)
class LocVar:
    """A local variable's name and the pc range where it is active."""

    name: bytes
    startpc: int
    endpc: int = 0


@dataclass(slots=True)
class Proto:
    """One function's code, constants, nested prototypes and debug information."""

    source: bytes | None = None  # chunk name as Lua keeps it: b"@file.lua", b"=stdin", or the text
    linedefined: int = 0
    lastlinedefined: int = 0
    nups: int = 0
    numparams: int = 0
    is_vararg: int = 0
    maxstacksize: int = 2
    code: list[int] = field(default_factory=list)
    constants: list[Constant] = field(default_factory=list)
    protos: list[Proto] = field(default_factory=list)
    lineinfo: list[int] = field(default_factory=list)
    locvars: list[LocVar] = field(default_factory=list)
    upvalues: list[bytes] = field(default_factory=list)
