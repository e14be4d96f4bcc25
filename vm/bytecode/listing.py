"""The `luac -l` listing, byte for byte as luac 5.1's print.c writes it (addresses aside).

The listing is built as bytes, because names and sources are raw bytes that print.c writes as
they are; the `str` API decodes them as UTF-8 with surrogateescape, so
`text.encode("utf-8", "surrogateescape")` gives back luac's exact bytes. The debugger shows one
instruction with `format_instruction`, the same code the listing uses for each line.

Where print.c would read out of bounds on a malformed prototype (it trusts verified code), this
module prints `?` instead and never fails.
"""

from __future__ import annotations

from collections.abc import Callable

from vm.bytecode.opcodes import (
    NUM_OPCODES,
    OPINFO,
    Op,
    OpArg,
    OpMode,
    get_a,
    get_b,
    get_bx,
    get_c,
    get_op,
    get_sbx,
    index_k,
    is_k,
)
from vm.bytecode.proto import Constant, Proto
from vm.runtime.numbers import number_to_bytes

AddressOf = Callable[[Proto], int]

_ESCAPES = {
    ord('"'): b'\\"',
    ord("\\"): b"\\\\",
    0x07: b"\\a",
    0x08: b"\\b",
    0x0C: b"\\f",
    0x0A: b"\\n",
    0x0D: b"\\r",
    0x09: b"\\t",
    0x0B: b"\\v",
}
# PrintString's escaping of each byte, isprint() taken in the C locale (0x20..0x7e).
_STRING_BYTE: tuple[bytes, ...] = tuple(
    _ESCAPES.get(c) or (bytes([c]) if 0x20 <= c < 0x7F else b"\\%03d" % c) for c in range(256)
)


def format_number(x: float) -> str:
    """Format a number as C's printf("%.14g") does with glibc (LUA_NUMBER_FMT)."""
    return number_to_bytes(x).decode("ascii")


def _cstr(s: bytes) -> bytes:
    """What printf("%s") shows of a Lua string: everything before the first NUL."""
    return s.split(b"\0", 1)[0]


def format_constant_bytes(value: Constant) -> bytes:
    """One constant as print.c's PrintConstant writes it (strings quoted and escaped)."""
    if value is None:
        return b"nil"
    if value is True:
        return b"true"
    if value is False:
        return b"false"
    if isinstance(value, bytes):
        return b'"' + b"".join(_STRING_BYTE[c] for c in value) + b'"'
    if isinstance(value, (int, float)):
        return number_to_bytes(float(value))
    return b"?"


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def format_constant(value: Constant) -> str:
    """One constant as print.c's PrintConstant writes it (strings quoted and escaped)."""
    return _decode(format_constant_bytes(value))


def _address_text(address: int) -> bytes:
    return b"0x%x" % address


class _Addresses:
    """Stable fake addresses, one per prototype, handed out in order of first use."""

    __slots__ = ("_next", "_seen")

    def __init__(self) -> None:
        self._seen: dict[int, int] = {}
        self._next = 0x55550000A000

    def __call__(self, proto: Proto) -> int:
        key = id(proto)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._next
            self._next += 0x400
        return found


def _constant_at(proto: Proto, index: int) -> bytes:
    if 0 <= index < len(proto.constants):
        return format_constant_bytes(proto.constants[index])
    return b"?"


def _rk(x: int) -> int:
    return -1 - index_k(x) if is_k(x) else x


def _instruction(proto: Proto, pc: int, address: AddressOf) -> tuple[bytes, int]:
    """Opcode, operands and comment of the instruction at pc, and the pc of the next one.

    A SETLIST with C == 0 takes its batch number from the next code word, which print.c then
    skips, so the next pc is pc + 2 there.
    """
    code = proto.code
    i = code[pc]
    o = get_op(i)
    nxt = pc + 1
    if o >= NUM_OPCODES:
        return b"%-9s\t" % b"?", nxt
    info = OPINFO[o]
    a, b, c, bx, sbx = get_a(i), get_b(i), get_c(i), get_bx(i), get_sbx(i)
    parts = [b"%-9s\t" % info.name.encode("ascii")]
    if info.mode == OpMode.iABC:
        parts.append(b"%d" % a)
        if info.b != OpArg.N:
            parts.append(b" %d" % _rk(b))
        if info.c != OpArg.N:
            parts.append(b" %d" % _rk(c))
    elif info.mode == OpMode.iABx:
        parts.append(b"%d %d" % (a, -1 - bx if info.b == OpArg.K else bx))
    elif o == Op.JMP:
        parts.append(b"%d" % sbx)
    else:
        parts.append(b"%d %d" % (a, sbx))

    if o == Op.LOADK:
        parts += (b"\t; ", _constant_at(proto, bx))
    elif o in (Op.GETUPVAL, Op.SETUPVAL):
        if not proto.upvalues:
            name = b"-"
        elif b < len(proto.upvalues):
            name = _cstr(proto.upvalues[b])
        else:
            name = b"?"
        parts.append(b"\t; " + name)
    elif o in (Op.GETGLOBAL, Op.SETGLOBAL):
        k = proto.constants[bx] if bx < len(proto.constants) else None
        parts.append(b"\t; " + (_cstr(k) if isinstance(k, bytes) else b"?"))
    elif o in (Op.GETTABLE, Op.SELF):
        if is_k(c):
            parts += (b"\t; ", _constant_at(proto, index_k(c)))
    elif o in (Op.SETTABLE, Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.POW, Op.EQ, Op.LT, Op.LE):
        # print.c leaves MOD out of this list, so MOD gets no comment
        if is_k(b) or is_k(c):
            parts += (
                b"\t; ",
                _constant_at(proto, index_k(b)) if is_k(b) else b"-",
                b" ",
                _constant_at(proto, index_k(c)) if is_k(c) else b"-",
            )
    elif o in (Op.JMP, Op.FORLOOP, Op.FORPREP):
        parts.append(b"\t; to %d" % (sbx + pc + 2))
    elif o == Op.CLOSURE:
        child = _address_text(address(proto.protos[bx])) if bx < len(proto.protos) else b"?"
        parts.append(b"\t; " + child)
    elif o == Op.SETLIST:
        if c == 0:
            nxt = pc + 2
            if pc + 1 < len(code):
                word = code[pc + 1] & 0xFFFFFFFF
                parts.append(b"\t; %d" % (word - (1 << 32) if word >= 1 << 31 else word))
            else:
                parts.append(b"\t; ?")
        else:
            parts.append(b"\t; %d" % c)
    return b"".join(parts), nxt


def format_instruction_bytes(proto: Proto, pc: int, address: AddressOf | None = None) -> bytes:
    """The instruction at pc as its luac -l line shows it after `[line]`, without the newline.

    `address` gives the address shown for a nested prototype (CLOSURE); by default its id().
    """
    return _instruction(proto, pc, address or id)[0]


def format_instruction(proto: Proto, pc: int, address: AddressOf | None = None) -> str:
    """The instruction at pc as its luac -l line shows it: `GETGLOBAL\\t0 -1\\t; print`."""
    return _decode(format_instruction_bytes(proto, pc, address))


def _plural(n: int) -> bytes:
    return b"" if n == 1 else b"s"


def _source_name(source: bytes | None) -> bytes:
    s = _cstr(source if source is not None else b"=?")
    if s[:1] in (b"@", b"="):
        return s[1:]
    if s[:1] == b"\x1b":
        return b"(bstring)"
    return b"(string)"


def _list_one(f: Proto, full: bool, address: AddressOf, out: list[bytes]) -> None:
    addr = _address_text(address(f))
    ncode = len(f.code)
    out.append(
        b"\n%s <%s:%d,%d> (%d instruction%s, %d bytes at %s)\n"
        % (
            b"main" if f.linedefined == 0 else b"function",
            _source_name(f.source),
            f.linedefined,
            f.lastlinedefined,
            ncode,
            _plural(ncode),
            ncode * 4,
            addr,
        )
    )
    out.append(
        b"%d%s param%s, %d slot%s, %d upvalue%s, "
        % (
            f.numparams,
            b"+" if f.is_vararg else b"",
            _plural(f.numparams),
            f.maxstacksize,
            _plural(f.maxstacksize),
            f.nups,
            _plural(f.nups),
        )
    )
    nloc, nk, np = len(f.locvars), len(f.constants), len(f.protos)
    out.append(
        b"%d local%s, %d constant%s, %d function%s\n"
        % (nloc, _plural(nloc), nk, _plural(nk), np, _plural(np))
    )
    pc = 0
    while pc < ncode:
        line = f.lineinfo[pc] if pc < len(f.lineinfo) else 0
        text, nxt = _instruction(f, pc, address)
        out.append(b"\t%d\t%s\t%s\n" % (pc + 1, b"[%d]" % line if line > 0 else b"[-]", text))
        pc = nxt
    if full:
        out.append(b"constants (%d) for %s:\n" % (nk, addr))
        out.extend(b"\t%d\t%s\n" % (i + 1, format_constant_bytes(k)) for i, k in enumerate(f.constants))
        out.append(b"locals (%d) for %s:\n" % (nloc, addr))
        out.extend(
            b"\t%d\t%s\t%d\t%d\n" % (i, _cstr(v.name), v.startpc + 1, v.endpc + 1)
            for i, v in enumerate(f.locvars)
        )
        out.append(b"upvalues (%d) for %s:\n" % (len(f.upvalues), addr))
        out.extend(b"\t%d\t%s\n" % (i, _cstr(name)) for i, name in enumerate(f.upvalues))


def list_function_bytes(proto: Proto, full: bool, address: AddressOf | None = None) -> bytes:
    """The listing of proto and then of its nested prototypes, depth first (PrintFunction).

    `full` adds the constants, locals and upvalues sections (`luac -l -l`). Addresses are fake
    but stable within one listing unless `address` is given.
    """
    address = address or _Addresses()
    out: list[bytes] = []
    stack = [proto]  # explicit stack: nesting depth must not reach Python's recursion limit
    while stack:
        f = stack.pop()
        _list_one(f, full, address, out)
        stack.extend(reversed(f.protos))
    return b"".join(out)


def list_function(proto: Proto, full: bool, address: AddressOf | None = None) -> str:
    """The `luac -l` listing (`luac -l -l` when full) of proto and its nested prototypes."""
    return _decode(list_function_bytes(proto, full, address))
