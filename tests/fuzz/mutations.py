"""Mutations of binary chunks and of Lua source, shared by the chunk tests and the fuzzer.

A mutation is one structural change at a relative position, so the same (kind, where, value)
triple applies to chunks of any length; Hypothesis and seeded `random.Random` both drive them.
"""

from __future__ import annotations

import random
import re

from vm.bytecode.chunk import HEADER
from vm.bytecode.opcodes import NUM_OPCODES, OPINFO

CHUNK_KINDS = ("flip", "set", "int", "insert", "delete", "truncate", "zero", "dup")


def mutate(chunk: bytes, kind: str, where: float, value: int) -> bytes:
    """One structural change of a chunk, at a relative position after its header."""
    data = bytearray(chunk)
    pos = min(len(HEADER) + int(where * (len(data) - len(HEADER))), len(data) - 1)
    if kind == "flip":
        data[pos] ^= 1 << (value % 8)
    elif kind == "set":
        data[pos] = value & 0xFF
    elif kind == "int":
        data[pos : pos + 4] = value.to_bytes(4, "little")
    elif kind == "insert":
        data[pos:pos] = value.to_bytes(4, "little")[: 1 + value % 4]
    elif kind == "delete":
        del data[pos : pos + 1 + value % 8]
    elif kind == "truncate":
        del data[pos:]
    elif kind == "zero":
        data[pos : pos + 1 + value % 8] = bytes(len(data[pos : pos + 1 + value % 8]))
    else:
        data[pos:pos] = data[pos : pos + 1 + value % 16]
    return bytes(data)


def mutate_chunk(rng: random.Random, chunk: bytes, rounds: int = 3) -> bytes:
    """1..rounds random mutations of a chunk."""
    for _ in range(1 + rng.randrange(rounds)):
        chunk = mutate(chunk, rng.choice(CHUNK_KINDS), rng.random(), rng.getrandbits(32))
    return chunk


def mutate_code(rng: random.Random, chunk: bytes, code_at: list[tuple[int, int, int]]) -> bytes:
    """Replace one instruction word of a chunk (places from `code_offsets`) by a nearby one:
    another opcode of the same format, or an operand set to another register of the function
    (or a constant), or a random bit flipped. Such chunks often pass the verifier and so reach
    execution, where byte mutations mostly fail to load."""
    if not code_at:
        return chunk
    start, count, maxstack = rng.choice(code_at)
    if count == 0:
        return chunk
    pos = start + 4 * rng.randrange(count)
    word = int.from_bytes(chunk[pos : pos + 4], "little")
    regs = max(maxstack, 1)
    how = rng.randrange(6)
    if how == 0:
        mode = OPINFO[word & 0x3F].mode if (word & 0x3F) < NUM_OPCODES else None
        same = [op for op in range(NUM_OPCODES) if OPINFO[op].mode == mode] or list(range(NUM_OPCODES))
        word = (word & ~0x3F) | rng.choice(same)  # another opcode, same operands
    elif how == 1:
        word = (word & ~(0xFF << 6)) | (rng.randrange(regs) << 6)  # A
    elif how == 2:
        b = rng.randrange(regs) if rng.random() < 0.7 else 256 + rng.randrange(4)
        word = (word & ~(0x1FF << 23)) | (b << 23)  # B: a register or a constant
    elif how == 3:
        c = rng.randrange(regs) if rng.random() < 0.7 else 256 + rng.randrange(4)
        word = (word & ~(0x1FF << 14)) | (c << 14)  # C
    elif how == 4:
        word = (word & ~(0x1FF << 23)) | (rng.randrange(3) << 23)  # B: 0 (open), 1, 2
    else:
        word ^= 1 << rng.randrange(32)
    return chunk[:pos] + word.to_bytes(4, "little") + chunk[pos + 4 :]


def code_offsets(chunk: bytes) -> list[tuple[int, int, int]]:
    """(byte offset, instruction count, maxstacksize) of every function's code in a well-formed chunk
    written by luac on a 64-bit little-endian machine (lundump.c's layout)."""
    out: list[tuple[int, int, int]] = []
    pos = len(HEADER)

    def integer() -> int:
        nonlocal pos
        v = int.from_bytes(chunk[pos : pos + 4], "little")
        pos += 4
        return v

    def string() -> None:
        nonlocal pos
        n = int.from_bytes(chunk[pos : pos + 8], "little")
        pos += 8 + n

    def function() -> None:
        nonlocal pos
        string()
        pos += 4 + 4 + 4  # linedefined, lastlinedefined, nups/numparams/is_vararg/maxstacksize
        maxstack = chunk[pos - 1]
        n = integer()
        out.append((pos, n, maxstack))
        pos += 4 * n
        for _ in range(integer()):  # constants
            t = chunk[pos]
            pos += 1
            if t == 1:
                pos += 1
            elif t == 3:
                pos += 8
            elif t == 4:
                string()
        for _ in range(integer()):
            function()
        skip = 4 * integer()  # lineinfo (integer() moves pos first)
        pos += skip
        for _ in range(integer()):  # locvars
            string()
            pos += 8
        for _ in range(integer()):  # upvalue names
            string()

    function()
    return out


# --- source mutations -----------------------------------------------------------------------

TOKEN = re.compile(rb"\[=*\[|\]=*\]|--|\.\.\.?|[=~<>]=|[A-Za-z_][A-Za-z0-9_]*"
                   rb"|0[xX][0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?"
                   rb"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|\S")
REPLACEMENTS = [
    b"nil", b"true", b"false", b"0", b"-1", b"1e308", b"(0/0)", b"2^53", b'"x"', b'"10"', b"{}",
    b"...", b"t", b"f", b"(", b")", b"{", b"}", b"[", b"]", b"end", b"do", b"then", b"local",
    b"function", b"return", b"break", b"..", b"+", b"-", b"*", b"/", b"%", b"^", b"#", b"==",
    b"<", b"<=", b"and", b"or", b"not", b",", b";", b"=", b":", b".", b"error", b"pcall",
    b"setmetatable", b"string.rep", b"coroutine.wrap", b"select", b"unpack", b"tostring",
]


LONG_OPEN = re.compile(rb"\[(=*)\[")


def lua_tokens(source: bytes) -> list[bytes]:
    """The program's tokens, roughly (enough to mutate it), comments dropped."""
    out: list[bytes] = []
    pos = 0
    while (m := TOKEN.search(source, pos)) is not None:
        pos = m.end()
        if m.group() != b"--":
            out.append(m.group())
            continue
        long = LONG_OPEN.match(source, pos)
        if long is not None:
            close = source.find(b"]" + long.group(1) + b"]", long.end())
            pos = len(source) if close < 0 else close + len(long.group(1)) + 2
        else:
            nl = source.find(b"\n", pos)
            pos = len(source) if nl < 0 else nl
    return out


SIMILAR = [
    [b"+", b"-", b"*", b"/", b"%", b"^", b".."],
    [b"==", b"~=", b"<", b"<=", b">", b">=", b"and", b"or"],
    [b"0", b"1", b"2", b"3", b"-1", b"0.5", b"10", b"1e308", b"2^53"],
    [b"nil", b"true", b"false"],
    [b"pairs", b"ipairs", b"next", b"print", b"tostring", b"type", b"select", b"unpack"],
]


def mutate_source(rng: random.Random, source: bytes, rounds: int = 2, kind_only: bool = False) -> bytes:
    """1..rounds token-level changes of a program: a token deleted, duplicated, swapped with
    another of the program, replaced by a literal, keyword, operator or library name, or (so
    that the program often still compiles) by one of its kind (operator, number, name);
    ``kind_only``: only the last."""
    tokens = lua_tokens(source)
    if not tokens:
        return source
    for _ in range(1 + rng.randrange(rounds)):
        i = rng.randrange(len(tokens))
        how = rng.randrange(8)
        similar = next((group for group in SIMILAR if tokens[i] in group), None)
        if kind_only and similar is None:
            continue
        if (how >= 4 or kind_only) and similar is not None:  # mostly still a program: it gets to run
            tokens[i] = rng.choice(similar)
        elif how == 0 and len(tokens) > 1:
            del tokens[i]
        elif how == 1:
            tokens.insert(i, tokens[i])
        elif how == 2:
            tokens[i] = tokens[rng.randrange(len(tokens))]
        else:
            tokens[i] = rng.choice(REPLACEMENTS)
    return b" ".join(tokens)
