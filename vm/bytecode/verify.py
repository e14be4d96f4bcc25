"""Bytecode verification and symbolic execution (ldebug.c's precheck, symbexec, luaG_checkcode).

Loading a binary chunk runs `check_code` on every prototype, so that no instruction can reach
outside its registers, constants, upvalues, nested prototypes or code: the interpreter may then
trust operands without checking them. `symbexec` with a register also finds the instruction that
last set that register before a pc, which is how error messages name variables (getobjname).
The checks follow ldebug.c one for one, so exactly the code Lua 5.1 accepts is accepted.
"""

from __future__ import annotations

from vm.bytecode.opcodes import (
    NO_REG,
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
from vm.bytecode.proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, Proto

MAXSTACK = 250  # llimits.h: the most registers a function may use
LUA_MULTRET = -1


def precheck(pt: Proto) -> bool:
    """Check the prototype's header fields against each other (ldebug.c's precheck)."""
    code = pt.code
    return (
        pt.maxstacksize <= MAXSTACK
        and pt.numparams + (pt.is_vararg & VARARG_HASARG) <= pt.maxstacksize
        and (not (pt.is_vararg & VARARG_NEEDSARG) or bool(pt.is_vararg & VARARG_HASARG))
        and len(pt.upvalues) <= pt.nups
        and (len(pt.lineinfo) == len(code) or len(pt.lineinfo) == 0)
        and len(code) > 0
        and get_op(code[-1]) == Op.RETURN
    )


def check_open_op(i: int) -> bool:
    """May instruction `i` follow one that leaves an open number of values on the stack?"""
    if get_op(i) in (Op.CALL, Op.TAILCALL, Op.RETURN, Op.SETLIST):
        return get_b(i) == 0
    return False


def _check_arg_mode(pt: Proto, r: int, mode: OpArg) -> bool:
    if mode == OpArg.N:
        return r == 0
    if mode == OpArg.R:
        return r < pt.maxstacksize
    if mode == OpArg.K:
        return index_k(r) < len(pt.constants) if is_k(r) else r < pt.maxstacksize
    return True


def symbexec(pt: Proto, lastpc: int, reg: int) -> int | None:
    """Check pt's code up to `lastpc` and return the last instruction before it that set `reg`.

    With `reg == NO_REG` and `lastpc == len(pt.code)` this is the full check of luaG_checkcode.
    Returns None where ldebug.c's symbexec returns 0 (a check failed).
    """
    if not precheck(pt):
        return None
    code = pt.code
    size = len(code)
    maxstack = pt.maxstacksize
    nk = len(pt.constants)
    last = size - 1  # the final RETURN, a "neutral" instruction
    pc = 0
    while pc < lastpc:
        i = code[pc]
        op = get_op(i)
        a = get_a(i)
        b = 0
        c = 0
        if op >= NUM_OPCODES or a >= maxstack:
            return None
        info = OPINFO[op]
        if info.mode == OpMode.iABC:
            b = get_b(i)
            c = get_c(i)
            if not (_check_arg_mode(pt, b, info.b) and _check_arg_mode(pt, c, info.c)):
                return None
        elif info.mode == OpMode.iABx:
            b = get_bx(i)
            if info.b == OpArg.K and b >= nk:
                return None
        else:
            b = get_sbx(i)
            if info.b == OpArg.R:
                dest = pc + 1 + b
                if not 0 <= dest < size:
                    return None
                if dest > 0:
                    # A jump may not land on a SETLIST's count word. A run of SETLISTs with C == 0
                    # alternates instruction and count, so count the run back to its start.
                    j = 0
                    while j < dest:
                        d = code[dest - 1 - j]
                        if not (get_op(d) == Op.SETLIST and get_c(d) == 0):
                            break
                        j += 1
                    if j & 1:
                        return None
        if info.sets_a and a == reg:
            last = pc
        if info.test:
            if not (pc + 2 < size and get_op(code[pc + 1]) == Op.JMP):
                return None
        if op == Op.LOADBOOL:
            if c == 1:  # does it jump?
                if not pc + 2 < size:
                    return None
                nxt = code[pc + 1]
                if get_op(nxt) == Op.SETLIST and get_c(nxt) == 0:
                    return None
        elif op == Op.LOADNIL:
            if a <= reg <= b:
                last = pc
        elif op in (Op.GETUPVAL, Op.SETUPVAL):
            if b >= pt.nups:
                return None
        elif op in (Op.GETGLOBAL, Op.SETGLOBAL):
            if not isinstance(pt.constants[b], bytes):
                return None
        elif op == Op.SELF:
            if a + 1 >= maxstack:
                return None
            if reg == a + 1:
                last = pc
        elif op == Op.CONCAT:
            if b >= c:  # at least two operands
                return None
        elif op == Op.TFORLOOP:
            if c < 1 or a + 2 + c >= maxstack:  # a control variable, and room for the results
                return None
            if reg >= a + 2:
                last = pc
        elif op in (Op.FORLOOP, Op.FORPREP, Op.JMP):
            if op != Op.JMP and a + 3 >= maxstack:
                return None
            dest = pc + 1 + b
            # when tracing a register, follow forward jumps that do not skip lastpc
            if reg != NO_REG and pc < dest <= lastpc:
                pc += b
        elif op in (Op.CALL, Op.TAILCALL):
            if b != 0 and a + b - 1 >= maxstack:
                return None
            c -= 1  # number of results
            if c == LUA_MULTRET:
                if not check_open_op(code[pc + 1]):
                    return None
            elif c != 0 and a + c - 1 >= maxstack:
                return None
            if reg >= a:
                last = pc
        elif op == Op.RETURN:
            b -= 1  # number of results
            if b > 0 and a + b - 1 >= maxstack:
                return None
        elif op == Op.SETLIST:
            if b > 0 and a + b >= maxstack:
                return None
            if c == 0:
                pc += 1
                if not pc < size - 1:
                    return None
        elif op == Op.CLOSURE:
            if b >= len(pt.protos):
                return None
            nup = pt.protos[b].nups
            if not pc + nup < size:
                return None
            for j in range(1, nup + 1):
                if get_op(code[pc + j]) not in (Op.GETUPVAL, Op.MOVE):
                    return None
            if reg != NO_REG:  # tracing: skip the pseudo-instructions
                pc += nup
        elif op == Op.VARARG:
            if not (pt.is_vararg & VARARG_ISVARARG) or (pt.is_vararg & VARARG_NEEDSARG):
                return None
            b -= 1
            if b == LUA_MULTRET and not check_open_op(code[pc + 1]):
                return None
            if a + b - 1 >= maxstack:
                return None
        pc += 1
    return code[last]


def check_code(pt: Proto) -> bool:
    """Is pt's code safe to run (luaG_checkcode)? Nested prototypes are checked on their own."""
    return symbexec(pt, len(pt.code), NO_REG) is not None
