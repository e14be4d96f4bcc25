"""The 38 opcodes of Lua 5.1 and their encoding, as one table (lopcodes.h/.c).

Each row names the opcode, its format (iABC, iABx, iAsBx), whether it is a test, whether it sets
register A, and how operands B and C are used (N unused, U used, R register or jump, K
register-or-constant). The table drives encoding, the listing and the verifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

SIZE_C = 9
SIZE_B = 9
SIZE_BX = SIZE_C + SIZE_B
SIZE_A = 8
SIZE_OP = 6

POS_OP = 0
POS_A = POS_OP + SIZE_OP
POS_C = POS_A + SIZE_A
POS_B = POS_C + SIZE_C
POS_BX = POS_C

MAXARG_A = (1 << SIZE_A) - 1
MAXARG_B = (1 << SIZE_B) - 1
MAXARG_C = (1 << SIZE_C) - 1
MAXARG_BX = (1 << SIZE_BX) - 1
MAXARG_SBX = MAXARG_BX >> 1

NO_REG = MAXARG_A
BITRK = 1 << (SIZE_B - 1)
MAXINDEXRK = BITRK - 1
LFIELDS_PER_FLUSH = 50
NO_JUMP = -1


class OpMode(IntEnum):
    iABC = 0
    iABx = 1
    iAsBx = 2


class OpArg(IntEnum):
    N = 0  # argument is not used
    U = 1  # argument is used
    R = 2  # argument is a register or a jump offset
    K = 3  # argument is a constant or register/constant


class Op(IntEnum):
    MOVE = 0
    LOADK = 1
    LOADBOOL = 2
    LOADNIL = 3
    GETUPVAL = 4
    GETGLOBAL = 5
    GETTABLE = 6
    SETGLOBAL = 7
    SETUPVAL = 8
    SETTABLE = 9
    NEWTABLE = 10
    SELF = 11
    ADD = 12
    SUB = 13
    MUL = 14
    DIV = 15
    MOD = 16
    POW = 17
    UNM = 18
    NOT = 19
    LEN = 20
    CONCAT = 21
    JMP = 22
    EQ = 23
    LT = 24
    LE = 25
    TEST = 26
    TESTSET = 27
    CALL = 28
    TAILCALL = 29
    RETURN = 30
    FORLOOP = 31
    FORPREP = 32
    TFORLOOP = 33
    SETLIST = 34
    CLOSE = 35
    CLOSURE = 36
    VARARG = 37


@dataclass(frozen=True, slots=True)
class OpInfo:
    """One row of the opcode table."""

    op: Op
    mode: OpMode
    test: bool
    sets_a: bool
    b: OpArg
    c: OpArg
    rule: str

    @property
    def name(self) -> str:
        return self.op.name


_N, _U, _R, _K = OpArg.N, OpArg.U, OpArg.R, OpArg.K
_ABC, _ABX, _ASBX = OpMode.iABC, OpMode.iABx, OpMode.iAsBx

# op, mode, test, sets A, B, C, rule (lopcodes.h notation)
_ROWS = [
    (Op.MOVE, _ABC, 0, 1, _R, _N, "R(A) := R(B)"),
    (Op.LOADK, _ABX, 0, 1, _K, _N, "R(A) := Kst(Bx)"),
    (Op.LOADBOOL, _ABC, 0, 1, _U, _U, "R(A) := (Bool)B; if (C) pc++"),
    (Op.LOADNIL, _ABC, 0, 1, _R, _N, "R(A) := ... := R(B) := nil"),
    (Op.GETUPVAL, _ABC, 0, 1, _U, _N, "R(A) := UpValue[B]"),
    (Op.GETGLOBAL, _ABX, 0, 1, _K, _N, "R(A) := Gbl[Kst(Bx)]"),
    (Op.GETTABLE, _ABC, 0, 1, _R, _K, "R(A) := R(B)[RK(C)]"),
    (Op.SETGLOBAL, _ABX, 0, 0, _K, _N, "Gbl[Kst(Bx)] := R(A)"),
    (Op.SETUPVAL, _ABC, 0, 0, _U, _N, "UpValue[B] := R(A)"),
    (Op.SETTABLE, _ABC, 0, 0, _K, _K, "R(A)[RK(B)] := RK(C)"),
    (Op.NEWTABLE, _ABC, 0, 1, _U, _U, "R(A) := {} (size = B,C)"),
    (Op.SELF, _ABC, 0, 1, _R, _K, "R(A+1) := R(B); R(A) := R(B)[RK(C)]"),
    (Op.ADD, _ABC, 0, 1, _K, _K, "R(A) := RK(B) + RK(C)"),
    (Op.SUB, _ABC, 0, 1, _K, _K, "R(A) := RK(B) - RK(C)"),
    (Op.MUL, _ABC, 0, 1, _K, _K, "R(A) := RK(B) * RK(C)"),
    (Op.DIV, _ABC, 0, 1, _K, _K, "R(A) := RK(B) / RK(C)"),
    (Op.MOD, _ABC, 0, 1, _K, _K, "R(A) := RK(B) % RK(C)"),
    (Op.POW, _ABC, 0, 1, _K, _K, "R(A) := RK(B) ^ RK(C)"),
    (Op.UNM, _ABC, 0, 1, _R, _N, "R(A) := -R(B)"),
    (Op.NOT, _ABC, 0, 1, _R, _N, "R(A) := not R(B)"),
    (Op.LEN, _ABC, 0, 1, _R, _N, "R(A) := length of R(B)"),
    (Op.CONCAT, _ABC, 0, 1, _R, _R, "R(A) := R(B).. ... ..R(C)"),
    (Op.JMP, _ASBX, 0, 0, _R, _N, "pc+=sBx"),
    (Op.EQ, _ABC, 1, 0, _K, _K, "if ((RK(B) == RK(C)) ~= A) then pc++"),
    (Op.LT, _ABC, 1, 0, _K, _K, "if ((RK(B) <  RK(C)) ~= A) then pc++"),
    (Op.LE, _ABC, 1, 0, _K, _K, "if ((RK(B) <= RK(C)) ~= A) then pc++"),
    (Op.TEST, _ABC, 1, 1, _R, _U, "if not (R(A) <=> C) then pc++"),
    (Op.TESTSET, _ABC, 1, 1, _R, _U, "if (R(B) <=> C) then R(A) := R(B) else pc++"),
    (Op.CALL, _ABC, 0, 1, _U, _U, "R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1))"),
    (Op.TAILCALL, _ABC, 0, 1, _U, _U, "return R(A)(R(A+1), ... ,R(A+B-1))"),
    (Op.RETURN, _ABC, 0, 0, _U, _N, "return R(A), ... ,R(A+B-2)"),
    (Op.FORLOOP, _ASBX, 0, 1, _R, _N, "R(A)+=R(A+2); if R(A) <?= R(A+1) then { pc+=sBx; R(A+3)=R(A) }"),
    (Op.FORPREP, _ASBX, 0, 1, _R, _N, "R(A)-=R(A+2); pc+=sBx"),
    (Op.TFORLOOP, _ABC, 1, 0, _N, _U,
     "R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2)=R(A+3) else pc++"),
    (Op.SETLIST, _ABC, 0, 0, _U, _U, "R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B"),
    (Op.CLOSE, _ABC, 0, 0, _N, _N, "close all variables in the stack up to (>=) R(A)"),
    (Op.CLOSURE, _ABX, 0, 1, _U, _N, "R(A) := closure(KPROTO[Bx], R(A), ... ,R(A+n))"),
    (Op.VARARG, _ABC, 0, 1, _U, _N, "R(A), R(A+1), ..., R(A+B-1) = vararg"),
]

OPINFO: tuple[OpInfo, ...] = tuple(
    OpInfo(op, mode, bool(t), bool(a), b, c, rule) for op, mode, t, a, b, c, rule in _ROWS
)
NUM_OPCODES = len(OPINFO)
assert NUM_OPCODES == 38 and all(info.op == i for i, info in enumerate(OPINFO))


# --- field access (lopcodes.h macros) ---------------------------------------------------------

def get_op(i: int) -> int:
    return i & 0x3F


def get_a(i: int) -> int:
    return (i >> POS_A) & MAXARG_A


def get_b(i: int) -> int:
    return (i >> POS_B) & MAXARG_B


def get_c(i: int) -> int:
    return (i >> POS_C) & MAXARG_C


def get_bx(i: int) -> int:
    return (i >> POS_BX) & MAXARG_BX


def get_sbx(i: int) -> int:
    return get_bx(i) - MAXARG_SBX


def set_a(i: int, a: int) -> int:
    return (i & ~(MAXARG_A << POS_A)) | (a << POS_A)


def set_b(i: int, b: int) -> int:
    return (i & ~(MAXARG_B << POS_B)) | (b << POS_B)


def set_c(i: int, c: int) -> int:
    return (i & ~(MAXARG_C << POS_C)) | (c << POS_C)


def set_sbx(i: int, sbx: int) -> int:
    return (i & ~(MAXARG_BX << POS_BX)) | ((sbx + MAXARG_SBX) << POS_BX)


def create_abc(op: int, a: int, b: int, c: int) -> int:
    return op | (a << POS_A) | (b << POS_B) | (c << POS_C)


def create_abx(op: int, a: int, bx: int) -> int:
    return op | (a << POS_A) | (bx << POS_BX)


def is_k(x: int) -> bool:
    """Does an RK operand name a constant?"""
    return bool(x & BITRK)


def index_k(x: int) -> int:
    return x & ~BITRK


def rk_as_k(x: int) -> int:
    return x | BITRK
