"""Binary chunks in the luac 5.1 format of a 64-bit little-endian machine (ldump.c, lundump.c).

`dump` writes what `luac5.1` and `string.dump` write; `undump` reads them back the way
lundump.c does, checks every prototype's code with the verifier, and turns any malformed input
into a LoadError worded as Lua's (`x: bad header in precompiled chunk`), never into another
Python exception: sizes are checked against the bytes that are left before anything is
allocated, and nesting is walked with an explicit stack.
"""

from __future__ import annotations

import struct

from vm.bytecode.proto import LocVar, Proto
from vm.bytecode.verify import check_code
from vm.errors import LoadError

SIGNATURE = b"\x1bLua"
LUAC_VERSION = 0x51
LUAC_FORMAT = 0
# signature, version, format, little-endian, sizeof int, size_t, Instruction, lua_Number, integral
HEADER = SIGNATURE + bytes([LUAC_VERSION, LUAC_FORMAT, 1, 4, 8, 4, 8, 0])
LUAC_HEADERSIZE = len(HEADER)
# lundump.c counts nested prototypes in nCcalls and refuses more than LUAI_MAXCCALLS. The count
# starts at the C calls already active, 1 in luac5.1 and in a lua_load from the host: so a chain
# of 199 functions loads and one of 200 is "code too deep" (lua5.1's loadstring starts at 2).
LUAI_MAXCCALLS = 200
LOAD_BASE_CCALLS = 1

# constant type tags (lua.h)
LUA_TNIL = 0
LUA_TBOOLEAN = 1
LUA_TNUMBER = 3
LUA_TSTRING = 4

_INT = struct.Struct("<i")
_SIZE_T = struct.Struct("<Q")
_NUMBER = struct.Struct("<d")


def is_binary_chunk(data: bytes) -> bool:
    """Would Lua load `data` as a binary chunk? lua_load decides on the first byte alone (ESC),
    so anything starting with the signature b"\\x1bLua" is one, and so is a bad header."""
    return data[:1] == SIGNATURE[:1]


# --- dump ----------------------------------------------------------------------------------------


def _dump_string(out: bytearray, s: bytes | None) -> None:
    if s is None:
        out += _SIZE_T.pack(0)
    else:
        out += _SIZE_T.pack(len(s) + 1)
        out += s
        out += b"\0"


def _dump_head(out: bytearray, f: Proto, parent_source: bytes | None, strip: bool) -> None:
    """Everything of one function up to and including the count of its nested prototypes."""
    _dump_string(out, None if strip or f.source == parent_source else f.source)
    out += _INT.pack(f.linedefined)
    out += _INT.pack(f.lastlinedefined)
    out += bytes((f.nups & 0xFF, f.numparams & 0xFF, f.is_vararg & 0xFF, f.maxstacksize & 0xFF))
    out += _INT.pack(len(f.code))
    out += struct.pack(f"<{len(f.code)}I", *f.code)
    out += _INT.pack(len(f.constants))
    for k in f.constants:
        if k is None:
            out.append(LUA_TNIL)
        elif isinstance(k, bool):
            out += bytes((LUA_TBOOLEAN, int(k)))
        elif isinstance(k, (int, float)):
            out.append(LUA_TNUMBER)
            out += _NUMBER.pack(k)
        elif isinstance(k, bytes):
            out.append(LUA_TSTRING)
            _dump_string(out, k)
        else:
            raise ValueError(f"cannot dump constant {k!r}")
    out += _INT.pack(len(f.protos))


def _dump_debug(out: bytearray, f: Proto, strip: bool) -> None:
    lineinfo = [] if strip else f.lineinfo
    out += _INT.pack(len(lineinfo))
    out += struct.pack(f"<{len(lineinfo)}i", *lineinfo)
    locvars = [] if strip else f.locvars
    out += _INT.pack(len(locvars))
    for v in locvars:
        _dump_string(out, v.name)
        out += _INT.pack(v.startpc)
        out += _INT.pack(v.endpc)
    upvalues = [] if strip else f.upvalues
    out += _INT.pack(len(upvalues))
    for name in upvalues:
        _dump_string(out, name)


def dump(proto: Proto, strip: bool = False) -> bytes:
    """The binary chunk of proto, as luac5.1 (`-s` when strip) or string.dump write it.

    As in ldump.c, a function's source is written only when it differs from its parent's (the
    main function's parent has none), and never when stripping; stripping also drops line info,
    local variables and upvalue names.
    """
    out = bytearray(HEADER)
    _dump_head(out, proto, None, strip)
    stack: list[tuple[Proto, int]] = [(proto, 0)]  # a function and how many children are done
    while stack:
        f, done = stack[-1]
        if done < len(f.protos):
            stack[-1] = (f, done + 1)
            child = f.protos[done]
            _dump_head(out, child, f.source, strip)
            stack.append((child, 0))
        else:
            _dump_debug(out, f, strip)
            stack.pop()
    return bytes(out)


def strip(proto: Proto) -> Proto:
    """A copy of proto (and its nested prototypes) without debug information, as `luac -s`
    leaves it once loaded again: sources become "=?", no line info, locals or upvalue names."""
    return undump(dump(proto, strip=True), b"=?")


# --- undump --------------------------------------------------------------------------------------


def chunk_error_name(chunkname: bytes) -> bytes:
    """The name lundump.c puts in its messages: chunkname without its `@` or `=`, or "binary
    string" when the chunk was named by its own text (the default of loadstring)."""
    name = chunkname.split(b"\0", 1)[0]  # Lua passes chunk names as C strings
    if name[:1] in (b"@", b"="):
        return name[1:]
    if name[:1] == SIGNATURE[:1]:
        return b"binary string"
    return name


class _Loader:
    """lundump.c's LoadState: the input, the read position, and the name for errors."""

    __slots__ = ("data", "name", "pos", "feed")

    def __init__(self, data: bytes | bytearray, name: bytes, feed=None) -> None:
        self.data = data
        self.pos = 0
        self.name = name
        self.feed = feed  # streamed input: data is a bytearray, feed() the next piece (b"": end)

    def error(self, why: str) -> LoadError:
        return LoadError(b"%s: %s in precompiled chunk" % (self.name, why.encode("ascii")))

    def need(self, n: int) -> int:
        """Claim the next n bytes and return where they start."""
        pos = self.pos
        if n > len(self.data) - pos and not self._fill(pos + n):
            raise self.error("unexpected end")
        self.pos = pos + n
        return pos

    def _fill(self, size: int) -> bool:
        """Read streamed pieces until data holds size bytes (luaZ_read); False if it ends first."""
        while len(self.data) < size:
            piece = self.feed() if self.feed is not None else b""
            if not piece:
                self.feed = None
                return False
            self.data += piece
        return True

    def block(self, n: int) -> bytes:
        pos = self.need(n)
        return bytes(self.data[pos : pos + n])

    def char(self) -> int:
        """A C char, signed as on x86."""
        c = self.data[self.need(1)]
        return c - 256 if c >= 128 else c

    def byte(self) -> int:
        return self.data[self.need(1)]

    def integer(self) -> int:
        (x,) = _INT.unpack_from(self.data, self.need(4))
        if x < 0:
            raise self.error("bad integer")
        return x

    def number(self) -> float:
        return _NUMBER.unpack_from(self.data, self.need(8))[0]

    def string(self) -> bytes | None:
        (size,) = _SIZE_T.unpack_from(self.data, self.need(8))
        if size == 0:
            return None
        return self.block(size)[:-1]  # drop the trailing '\0' (not checked, as in lundump.c)

    def head(self, parent_source: bytes) -> tuple[Proto, int]:
        """Read one function up to its nested prototypes; return it and how many it has."""
        f = Proto()
        source = self.string()
        f.source = parent_source if source is None else source
        f.linedefined = self.integer()
        f.lastlinedefined = self.integer()
        f.nups = self.byte()
        f.numparams = self.byte()
        f.is_vararg = self.byte()
        f.maxstacksize = self.byte()
        n = self.integer()
        f.code = list(struct.unpack_from(f"<{n}I", self.data, self.need(4 * n)))
        n = self.integer()
        constants = f.constants
        for _ in range(n):  # each constant takes at least one byte, so this loop is bounded
            t = self.char()
            if t == LUA_TNIL:
                constants.append(None)
            elif t == LUA_TBOOLEAN:
                constants.append(self.char() != 0)
            elif t == LUA_TNUMBER:
                constants.append(self.number())
            elif t == LUA_TSTRING:
                # a NULL string (size 0) never comes from ldump.c; Lua would keep a NULL here
                s = self.string()
                constants.append(b"" if s is None else s)
            else:
                raise self.error("bad constant")
        return f, self.integer()

    def debug(self, f: Proto) -> None:
        n = self.integer()
        f.lineinfo = list(struct.unpack_from(f"<{n}i", self.data, self.need(4 * n)))
        n = self.integer()
        for _ in range(n):
            name = self.string()
            startpc = self.integer()
            endpc = self.integer()
            f.locvars.append(LocVar(b"" if name is None else name, startpc, endpc))
        n = self.integer()
        for _ in range(n):
            name = self.string()
            f.upvalues.append(b"" if name is None else name)

    def load(self) -> Proto:
        if self.block(LUAC_HEADERSIZE) != HEADER:
            raise self.error("bad header")
        # Functions are read depth first, a parent's debug information after all its children.
        stack: list[tuple[Proto, int]] = []  # a function and how many children it has
        parent_source = b"=?"
        while True:
            if LOAD_BASE_CCALLS + len(stack) + 1 > LUAI_MAXCCALLS:
                raise self.error("code too deep")
            stack.append(self.head(parent_source))
            while len(stack[-1][0].protos) == stack[-1][1]:
                f = stack.pop()[0]
                self.debug(f)
                if not check_code(f):
                    raise self.error("bad code")
                if not stack:
                    return f
                stack[-1][0].protos.append(f)
            source = stack[-1][0].source
            parent_source = b"=?" if source is None else source


def undump(data: bytes, chunkname: bytes, feed=None) -> Proto:
    """Load a binary chunk as lundump.c does; raise LoadError for anything Lua would refuse.

    Bytes after the end of the main function are ignored, as Lua ignores them. With ``feed``
    the chunk arrives in pieces: ``data`` first, then each ``feed()`` (b"" at the end), asked
    for only when a read goes past what has arrived, as lua_load asks its reader.
    """
    if feed is None:
        return _Loader(bytes(data), chunk_error_name(chunkname)).load()
    return _Loader(bytearray(data), chunk_error_name(chunkname), feed).load()
