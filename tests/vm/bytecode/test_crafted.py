"""Crafted binary chunks that pass Lua 5.1's verifier, run to the end in both tiers.

luaG_checkcode guarantees registers, constants, jumps and the shape of open calls, nothing
about the values: lvm.c then trusts that SETLIST's register holds a table, that FORLOOP's hold
numbers, that a NEWTABLE's sizes can be allocated, and takes "every value up to the top" (B = 0)
from the frame's top when no open call set it. Where lua5.1 gives a defined result the test
runs it and compares; where it reads garbage (undefined behaviour in C) ferrous must give a
clean Lua error, which the test states.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.harness import run_ferrous, run_lua
from vm.bytecode.chunk import dump
from vm.bytecode.opcodes import MAXARG_SBX, Op, create_abc, create_abx
from vm.bytecode.proto import VARARG_ISVARARG, Proto
from vm.bytecode.verify import check_code

TIERS = ("interp", "compiled")


def chunk(code: list[int], constants: list | None = None, maxstack: int = 4) -> bytes:
    """A main function of this code (line 1 everywhere), checked by our verifier as by 5.1's."""
    proto = Proto(source=b"=c", maxstacksize=maxstack, is_vararg=VARARG_ISVARARG,
                  constants=constants or [], code=code, lineinfo=[1] * len(code))
    assert check_code(proto)
    return dump(proto)


def ours(data: bytes) -> set[bytes]:
    """The driver's output in each tier (a set: one element when the tiers agree)."""
    results = {run_ferrous(data, tier) for tier in TIERS}
    assert all(r.kind != "internal" for r in results), results
    return {r.text for r in results}


def same_as_lua(data: bytes, tmp_path: Path) -> bytes:
    expected = run_lua(data, tmp_path)
    assert expected.kind in ("ok", "err"), expected
    assert ours(data) == {expected.text}
    return expected.text


def abc(op: Op, a: int, b: int, c: int) -> int:
    return create_abc(op, a, b, c)


K = 256  # RK: constant 0


# --- values lvm.c trusts: a clean error here ------------------------------------------------


@pytest.mark.parametrize("value", ["number", "nil", "string", "function"])
def test_setlist_on_a_non_table(value: str):
    load = {
        "number": create_abx(Op.LOADK, 0, 0),
        "nil": abc(Op.LOADNIL, 0, 0, 0),
        "string": create_abx(Op.LOADK, 0, 1),
        "function": create_abx(Op.GETGLOBAL, 0, 2),
    }[value]
    data = chunk([load, create_abx(Op.LOADK, 1, 0), abc(Op.SETLIST, 0, 1, 1), abc(Op.RETURN, 0, 1, 0)],
                 [1.0, b"s", b"print"])
    assert ours(data) == {b"\nERR c:1: bad code: SETLIST on a %s value\n" % value.encode()}


def test_forloop_without_forprep():
    # FORLOOP (jumping to itself) over registers no FORPREP checked: nil, a string, booleans.
    # Booleans may also end the loop (True + True is no number, but 2.0 <= True is false):
    # either way a Lua outcome, the same in both tiers, and no number other than a float
    itself = create_abx(Op.FORLOOP, 0, MAXARG_SBX - 1)  # sBx = -1
    for setup in ([abc(Op.LOADNIL, 0, 3, 0)],
                  [create_abx(Op.LOADK, 0, 0), create_abx(Op.LOADK, 1, 1), create_abx(Op.LOADK, 2, 1)],
                  [abc(Op.LOADBOOL, 0, 1, 0), abc(Op.LOADBOOL, 1, 1, 0), abc(Op.LOADBOOL, 2, 1, 0)],
                  [create_abx(Op.LOADK, 0, 1), create_abx(Op.LOADK, 1, 1), abc(Op.LOADBOOL, 2, 1, 0)],
                  [create_abx(Op.LOADK, 0, 1), abc(Op.LOADBOOL, 1, 1, 0), create_abx(Op.LOADK, 2, 1)]):
        code = [*setup, itself, abc(Op.RETURN, 0, 1, 0)]
        (text,) = ours(chunk(code, [b"x", 1.0], maxstack=5))
        assert text == b"\nOK\n" or (text.startswith(b"\nERR c:1: 'for' ")
                                     and text.endswith(b" must be a number\n")), text


def test_forloop_after_debug_setlocal():
    # the same through a legal program: debug.setlocal writes the hidden control variables
    # (a boolean step adds to a number as 1 in Python: that loop ends normally, in both tiers)
    for n, value in ((1, '"x"'), (2, "nil"), (3, "true"), (1, "{}"), (3, '"1"')):
        source = f"for i = 1, 3 do debug.setlocal(1, {n}, {value}) end".encode()
        (text,) = ours(source)
        if (n, value) == (3, "true"):
            assert text == b"\nOK\n"
        else:
            assert text.startswith(b"\nERR prog:1: 'for' ") and text.endswith(b" must be a number\n"), text


@pytest.mark.parametrize("b, c", [(511, 0), (0x1F8, 0), (0, 511), (0, 0xF8), (0xE0, 0), (0, 0xE0)])
def test_newtable_of_crafted_size(b: int, c: int, tmp_path: Path):
    # a GETGLOBAL first saves the pc, so that lua5.1 names line 1 as ferrous does; lua5.1 runs
    # with 512 MB of address space, where the sizes that do not wrap negative fail to allocate
    data = chunk([create_abx(Op.GETGLOBAL, 1, 0), abc(Op.NEWTABLE, 0, b, c), abc(Op.RETURN, 0, 2, 0)],
                 [b"print"])
    same_as_lua(data, tmp_path)


def test_newtable_of_normal_size_still_runs(tmp_path: Path):
    data = chunk([abc(Op.NEWTABLE, 0, 0x9F, 0x9F), abc(Op.LEN, 1, 0, 0), create_abx(Op.GETGLOBAL, 2, 0),
                  abc(Op.MOVE, 3, 1, 0), abc(Op.CALL, 2, 2, 1), abc(Op.RETURN, 0, 1, 0)], [b"print"])
    assert same_as_lua(data, tmp_path) == b"0\n\nOK\n"


# --- B = 0 after no open call: every register up to the frame's top --------------------------


def test_call_with_b0_after_a_fixed_instruction(tmp_path: Path):
    # print(R1 .. R5): the two constants and three nils (maxstacksize 6)
    data = chunk([create_abx(Op.GETGLOBAL, 0, 0), create_abx(Op.LOADK, 1, 1), create_abx(Op.LOADK, 2, 2),
                  abc(Op.CALL, 0, 0, 1), abc(Op.RETURN, 0, 1, 0)], [b"print", 1.0, b"two"], maxstack=6)
    assert same_as_lua(data, tmp_path) == b"1\ttwo\tnil\tnil\tnil\n\nOK\n"


def test_setlist_with_b0_after_a_fixed_instruction(tmp_path: Path):
    # t = {R1 .. R4}: two constants and two nils (maxstacksize 5), then print(#t)
    data = chunk([abc(Op.NEWTABLE, 0, 0, 0), create_abx(Op.LOADK, 1, 1), create_abx(Op.LOADK, 2, 1),
                  abc(Op.SETLIST, 0, 0, 1), create_abx(Op.GETGLOBAL, 1, 0), abc(Op.LEN, 2, 0, 0),
                  abc(Op.CALL, 1, 2, 1), abc(Op.RETURN, 0, 1, 0)], [b"print", 3.0], maxstack=5)
    same_as_lua(data, tmp_path)


def test_return_with_b0_after_a_fixed_instruction(tmp_path: Path):
    # print(select('#', f())) where f's RETURN 1 0 follows a LOADK: R1..R4, four values
    inner = Proto(source=b"=c", maxstacksize=5, constants=[7.0], lineinfo=[1, 1],
                  code=[create_abx(Op.LOADK, 1, 0), abc(Op.RETURN, 1, 0, 0)])
    assert check_code(inner)
    main = Proto(source=b"=c", maxstacksize=5, is_vararg=VARARG_ISVARARG, protos=[inner],
                 constants=[b"select", b"#", b"print"], code=[
                     create_abx(Op.GETGLOBAL, 0, 0), create_abx(Op.LOADK, 1, 1), create_abx(Op.CLOSURE, 2, 0),
                     abc(Op.CALL, 2, 1, 0), abc(Op.CALL, 0, 0, 2), create_abx(Op.GETGLOBAL, 1, 2),
                     abc(Op.MOVE, 2, 0, 0), abc(Op.CALL, 1, 2, 1), abc(Op.RETURN, 0, 1, 0)])
    main.lineinfo = [1] * len(main.code)
    assert check_code(main)
    assert same_as_lua(dump(main), tmp_path) == b"4\n\nOK\n"


# --- stripped chunks: luaL_where gives no position where the line is unknown ----------------


def test_stripped_chunk_errors_like_lua(bc, tmp_path: Path):
    source = (b"print(pcall(error, 'x'))\nprint(pcall(string.rep))\n"
              b"print(pcall(function() error('y') end))\n"
              b"print(pcall(function() local t = nil; return t.x end))\n"
              b"error('z')\n")
    src = tmp_path / "s.lua"
    src.write_bytes(source)
    bc.run_luac(["-s", "-o", "s.luac", "s.lua"], tmp_path)
    text = same_as_lua((tmp_path / "s.luac").read_bytes(), tmp_path)
    assert b"\tx\n" in text and b"?:0: attempt to index" in text


# --- operands luac never writes, with a defined meaning in lvm.c ----------------------------


def test_self_with_a_number_key(tmp_path: Path):
    # t = {print}; t[1](t, "hi") through SELF with the constant 1 (the array part, not a name)
    data = chunk([abc(Op.NEWTABLE, 0, 1, 0), create_abx(Op.GETGLOBAL, 1, 1), abc(Op.SETLIST, 0, 1, 1),
                  abc(Op.SELF, 1, 0, K), create_abx(Op.LOADK, 3, 2), abc(Op.CALL, 1, 3, 1),
                  abc(Op.RETURN, 0, 1, 0)], [1.0, b"print", b"hi"])
    assert same_as_lua(data, tmp_path) == b"table: 0xADDR\thi\n\nOK\n"


def test_loadnil_with_b_below_a(tmp_path: Path):
    # LOADNIL 2 1: lvm.c's do-while sets R1 once
    data = chunk([create_abx(Op.LOADK, 1, 0), create_abx(Op.LOADK, 2, 0), abc(Op.LOADNIL, 2, 1, 0),
                  create_abx(Op.GETGLOBAL, 0, 1), abc(Op.CALL, 0, 3, 1), abc(Op.RETURN, 0, 1, 0)],
                 [1.0, b"print"])
    assert same_as_lua(data, tmp_path) == b"nil\t1\n\nOK\n"


@pytest.mark.parametrize("word", [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 3_000_000])
def test_setlist_count_word_as_a_c_int(word: int, tmp_path: Path):
    # SETLIST 0 1 0 with a crafted batch number: the index wraps in a C int (0 and below go to
    # the node part), a huge one is out of memory; then print(next(t))
    data = chunk([abc(Op.NEWTABLE, 0, 0, 0), create_abx(Op.LOADK, 1, 0), abc(Op.SETLIST, 0, 1, 0), word,
                  create_abx(Op.GETGLOBAL, 1, 2), abc(Op.MOVE, 2, 0, 0), abc(Op.CALL, 1, 2, 3),
                  create_abx(Op.GETGLOBAL, 0, 1), abc(Op.MOVE, 3, 2, 0), abc(Op.MOVE, 2, 1, 0),
                  abc(Op.CALL, 0, 3, 1), abc(Op.RETURN, 0, 1, 0)], [1.0, b"print", b"next"])
    same_as_lua(data, tmp_path)
