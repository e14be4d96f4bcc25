"""Per-function code-generation state and the expression machinery of lcode.c.

An ``ExpDesc`` describes an expression whose code is not (fully) emitted yet; ``FuncState``
owns the growing Proto, the register allocator, the constant table and the jump lists, and
implements lcode.c's operations on them (discharge, jumps with true/false lists, constant
folding, RK operands), and the block and local-variable bookkeeping lparser.c keeps in its
FuncState. Each instruction takes luac's ``lastline`` at the parser's current token: ``lineinfo``
holds the token's index until the parser closes the function and keeps the lines.
"""

from __future__ import annotations

from vm.bytecode.opcodes import (
    LFIELDS_PER_FLUSH,
    MAXARG_A,
    MAXARG_BX,
    MAXARG_C,
    MAXARG_SBX,
    MAXINDEXRK,
    NO_JUMP,
    NO_REG,
    OPINFO,
    Op,
    get_a,
    get_b,
    get_op,
    set_a,
    set_b,
)
from vm.bytecode.proto import LocVar, Proto
from vm.runtime.numbers import arith_mod, arith_pow

MAXSTACK = 250
LUA_MULTRET = -1

# expression kinds (lparser.h's expkind, same order)
VVOID, VNIL, VTRUE, VFALSE, VK, VKNUM, VLOCAL, VUPVAL, VGLOBAL, VINDEXED, VJMP, VRELOCABLE, \
    VNONRELOC, VCALL, VVARARG = range(15)

_IS_TEST = tuple(info.test for info in OPINFO)
# an instruction (32 bits) without its A or C field: a positive mask (and with a negative int,
# as ~0x3FC0, takes Python's slow two's-complement path)
_NOT_A = 0xFFFFFFFF ^ 0x3FC0
_NOT_B = 0xFFFFFFFF ^ (0x1FF << 23)
_NOT_C = 0xFFFFFFFF ^ (0x1FF << 14)
# A, B and C shifted into place (a shift makes a new int past 255; a table read allocates
# nothing. A is a register (below 250), a condition (0, 1) or NO_REG (255))
_A = tuple(a << 6 for a in range(MAXARG_A + 1))
_B = tuple(b << 23 for b in range(MAXARG_C + 1))
_C = tuple(c << 14 for c in range(MAXARG_C + 1))
# the opcodes as plain ints: reading a member of the Op IntEnum goes through its metaclass
# (about 150 ns in Python 3.11, ten times a global), once or more per instruction emitted
OP_ADD = int(Op.ADD)
OP_CALL = int(Op.CALL)
OP_CLOSE = int(Op.CLOSE)
OP_CLOSURE = int(Op.CLOSURE)
OP_CONCAT = int(Op.CONCAT)
OP_DIV = int(Op.DIV)
OP_EQ = int(Op.EQ)
OP_FORLOOP = int(Op.FORLOOP)
OP_FORPREP = int(Op.FORPREP)
OP_GETGLOBAL = int(Op.GETGLOBAL)
OP_GETTABLE = int(Op.GETTABLE)
OP_GETUPVAL = int(Op.GETUPVAL)
OP_JMP = int(Op.JMP)
OP_LE = int(Op.LE)
OP_LEN = int(Op.LEN)
OP_LOADBOOL = int(Op.LOADBOOL)
OP_LOADK = int(Op.LOADK)
OP_LOADNIL = int(Op.LOADNIL)
OP_LT = int(Op.LT)
OP_MOD = int(Op.MOD)
OP_MOVE = int(Op.MOVE)
OP_MUL = int(Op.MUL)
OP_NEWTABLE = int(Op.NEWTABLE)
OP_NOT = int(Op.NOT)
OP_POW = int(Op.POW)
OP_RETURN = int(Op.RETURN)
OP_SELF = int(Op.SELF)
OP_SETGLOBAL = int(Op.SETGLOBAL)
OP_SETLIST = int(Op.SETLIST)
OP_SETTABLE = int(Op.SETTABLE)
OP_SETUPVAL = int(Op.SETUPVAL)
OP_SUB = int(Op.SUB)
OP_TAILCALL = int(Op.TAILCALL)
OP_TEST = int(Op.TEST)
OP_TESTSET = int(Op.TESTSET)
OP_TFORLOOP = int(Op.TFORLOOP)
OP_UNM = int(Op.UNM)
OP_VARARG = int(Op.VARARG)
ARITH = {"+": OP_ADD, "-": OP_SUB, "*": OP_MUL, "/": OP_DIV, "%": OP_MOD, "^": OP_POW}
# comparison operator -> (opcode, cond)
COMPARE = {"==": (OP_EQ, 1), "~=": (OP_EQ, 0), "<": (OP_LT, 1), "<=": (OP_LE, 1),
           ">": (OP_LT, 0), ">=": (OP_LE, 0)}


class CodegenLimit(Exception):
    """A limit of 5.1's code generator was hit; the caller turns it into a positioned error."""

    def __init__(self, msg: str) -> None:
        super().__init__(msg)
        self.msg = msg


class ExpDesc:
    """lparser.h's expdesc: kind, info/aux operands, number value, true/false jump lists.

    ``aux`` is set (and read) only for VINDEXED, ``nval`` only for VKNUM: a descriptor of
    another kind may lack them."""

    __slots__ = ("k", "info", "aux", "nval", "t", "f")

    # no __init__: descriptors are made by newexp. (The compiler makes about five per line;
    # calling a class with a Python __init__ runs that method through a slot wrapper that
    # Python 3.11 cannot inline, about 150 ns more per descriptor than filling in the fields
    # after calling a class without one.)

    def copy_from(self, other: ExpDesc) -> None:
        k = self.k = other.k
        self.info = other.info
        if k == VINDEXED:
            self.aux = other.aux
        elif k == VKNUM:
            self.nval = other.nval
        self.t = other.t
        self.f = other.f


def newexp(k: int = VVOID, info: int = 0) -> ExpDesc:
    """A descriptor of kind ``k`` with ``info``, no jumps (lparser.c's init_exp)."""
    e = ExpDesc()
    e.k = k
    e.info = info
    e.t = NO_JUMP
    e.f = NO_JUMP
    return e


# lcode.c's second operand of a unary operator (a number, 0): codearith only reads it
_NO_OPERAND = newexp(VKNUM)
_NO_OPERAND.nval = 0.0


def _fold(op: int, v1: float, v2: float) -> float | None:
    """constfolding's arithmetic; None when 5.1 refuses to fold (x/0, x%0, NaN results)."""
    if op == OP_ADD:
        r = v1 + v2
    elif op == OP_SUB:
        r = v1 - v2
    elif op == OP_MUL:
        r = v1 * v2
    elif op == OP_DIV:
        if v2 == 0:
            return None
        r = v1 / v2
    elif op == OP_MOD:
        if v2 == 0:
            return None
        r = arith_mod(v1, v2)
    elif op == OP_POW:
        r = arith_pow(v1, v2)
    elif op == OP_UNM:
        r = -v1
    else:
        return None
    if r != r:
        return None
    return r


def int2fb(x: int) -> int:
    """luaO_int2fb: an int as a 'floating point byte' (eeeeexxx) for NEWTABLE sizes."""
    e = 0
    while x >= 16:
        x = (x + 1) >> 1
        e += 1
    if x < 8:
        return x
    return ((e + 1) << 3) | (x - 8)


class BlockCnt:
    """A block being compiled: its jump list for ``break`` and the locals active outside it.
    (No __init__: enterblock fills in the fields, as for ExpDesc.)"""

    __slots__ = ("previous", "breaklist", "nactvar", "upval", "isbreakable")


class FuncState:
    """lcode.c's FuncState: one function being compiled."""

    __slots__ = ("f", "prev", "ls", "code", "lineinfo", "fixes", "lasttarget", "jpc", "freereg",
                 "kcache", "nkcache", "nactvar", "actvar", "bl", "spare", "tails", "where", "hidden",
                 "upindex", "upvals", "outer")

    def __init__(self, prev: FuncState | None, source: bytes, ls: object) -> None:
        # (all fields given: the dataclass's default factories cost a call each)
        self.f = Proto(source, 0, 0, 0, 0, 0, 2, [], [], [], [], [], [])
        self.prev = prev
        self.ls = ls  # the parser: each instruction's line is that of its current token ``i``
        self.code = self.f.code
        self.lineinfo = self.f.lineinfo
        self.fixes: list[int] = []  # pc, line, pc, line... of each luaK_fixline, in order
        self.lasttarget = -1
        self.jpc = NO_JUMP
        self.freereg = 0
        self.kcache: dict[object, int] = {}  # strings, booleans (("b", b)) and nil (None)
        self.nkcache: dict[float, int] = {}  # numbers, in a dict of their own (1.0 == True)
        self.nactvar = 0
        self.actvar: list[LocVar] = []  # the active locals' records (and the ones being declared)
        self.bl: BlockCnt | None = None
        self.spare: list[BlockCnt] = []  # block records left, reused by enterblock
        # name -> the register of the innermost active local of that name; hidden: for each
        # active local (a stack, as they come and go), the register its name had in where
        # before it (None: none), put back when it goes out of scope
        self.where: dict[bytes, int] = {}
        self.hidden: list[int | None] = []
        # (from_local, index) -> upvalue number; upvals: how each upvalue is captured
        self.upindex: dict[tuple[bool, int], int] = {}
        self.upvals: list[tuple[bool, int]] = []
        # a name that is not a local here, as singlevar resolved it the first time: (VGLOBAL,
        # its constant) or (VUPVAL, its upvalue). (The enclosing functions' scopes cannot
        # change while this one is compiled, so the answer stays; a local declared here later
        # is found first.)
        self.outer: dict[bytes, tuple[int, int]] = {}
        # jump list head -> a jump on that list at or before its tail, where concat's walk to
        # the tail may start (luaK_concat walks from the head: quadratic for long lists)
        self.tails: dict[int, int] = {}

    # --- emitting ---------------------------------------------------------------------------

    @property
    def pc(self) -> int:
        return len(self.code)

    def code_instr(self, i: int) -> int:
        """luaK_code: discharge pending jumps to here, then append the instruction (its line:
        the parser's lastline)."""
        if self.jpc != NO_JUMP:
            self.dischargejpc()
        self.code.append(i)
        self.lineinfo.append(self.ls.i)
        return len(self.code) - 1

    def code_abc(self, op: int, a: int, b: int, c: int) -> int:
        if self.jpc != NO_JUMP:
            self.dischargejpc()
        code = self.code
        code.append(op + _A[a] + _B[b] + _C[c])  # (the fields do not overlap)
        self.lineinfo.append(self.ls.i)
        return len(code) - 1

    def code_abx(self, op: int, a: int, bx: int) -> int:
        if self.jpc != NO_JUMP:
            self.dischargejpc()
        code = self.code
        code.append(op | _A[a] | (bx << 14))
        self.lineinfo.append(self.ls.i)
        return len(code) - 1

    def code_asbx(self, op: int, a: int, sbx: int) -> int:
        if self.jpc != NO_JUMP:
            self.dischargejpc()
        code = self.code
        code.append(op | _A[a] | ((sbx + MAXARG_SBX) << 14))
        self.lineinfo.append(self.ls.i)
        return len(code) - 1

    def fixline(self, line: int) -> None:
        """luaK_fixline: the last instruction gets ``line`` (kept aside: lineinfo holds token
        indexes until the function is closed)."""
        fixes = self.fixes
        fixes.append(len(self.code) - 1)
        fixes.append(line)

    # --- constants --------------------------------------------------------------------------

    def addk(self, key: object, value: object) -> int:
        idx = self.kcache.get(key)
        if idx is not None:
            return idx
        return self._newk(key, value)

    def _newk(self, key: object, value: object) -> int:
        k = self.f.constants
        if len(k) >= MAXARG_BX + 1:
            raise CodegenLimit("constant table overflow")
        k.append(value)  # type: ignore[arg-type]
        idx = len(k) - 1
        self.kcache[key] = idx
        return idx

    def string_k(self, s: bytes) -> int:
        kcache = self.kcache
        idx = kcache.get(s)
        if idx is not None:
            return idx
        k = self.f.constants  # _newk, inline (callers look the cache up first: mostly a miss)
        if len(k) >= MAXARG_BX + 1:
            raise CodegenLimit("constant table overflow")
        k.append(s)
        idx = kcache[s] = len(k) - 1
        return idx

    def number_k(self, r: float) -> int:
        idx = self.nkcache.get(r)
        if idx is not None:
            return idx
        k = self.f.constants
        if len(k) >= MAXARG_BX + 1:
            raise CodegenLimit("constant table overflow")
        k.append(r)
        idx = len(k) - 1
        self.nkcache[r] = idx
        return idx

    def bool_k(self, b: bool) -> int:
        return self.addk(("b", b), b)

    def nil_k(self) -> int:
        return self.addk(None, None)

    # --- registers --------------------------------------------------------------------------

    def checkstack(self, n: int) -> None:
        newstack = self.freereg + n
        if newstack > self.f.maxstacksize:
            if newstack >= MAXSTACK:
                raise CodegenLimit("function or expression too complex")
            self.f.maxstacksize = newstack

    def reserveregs(self, n: int) -> None:
        newstack = self.freereg + n
        if newstack > self.f.maxstacksize:
            if newstack >= MAXSTACK:
                raise CodegenLimit("function or expression too complex")
            self.f.maxstacksize = newstack
        self.freereg = newstack

    def grow(self, newstack: int) -> None:
        """The frame needs newstack registers (more than maxstacksize): checkstack's limit."""
        if newstack >= MAXSTACK:
            raise CodegenLimit("function or expression too complex")
        self.f.maxstacksize = newstack

    def freereg_(self, reg: int) -> None:
        if not (reg & 256) and reg >= self.nactvar:
            self.freereg -= 1

    def freeexp(self, e: ExpDesc) -> None:
        if e.k == VNONRELOC:
            reg = e.info
            if not (reg & 256) and reg >= self.nactvar:
                self.freereg -= 1

    # --- jumps ------------------------------------------------------------------------------

    def nil(self, from_: int, n: int) -> None:
        """luaK_nil: LOADNIL, merged into a preceding LOADNIL when no jump lands between."""
        code = self.code
        pc = len(code)
        if pc > self.lasttarget:
            if pc == 0:
                if from_ >= self.nactvar:
                    return
            else:
                prev = code[pc - 1]
                if get_op(prev) == OP_LOADNIL:
                    pfrom = get_a(prev)
                    pto = get_b(prev)
                    if pfrom <= from_ <= pto + 1:
                        if from_ + n - 1 > pto:
                            code[pc - 1] = set_b(prev, from_ + n - 1)
                        return
        self.code_abc(OP_LOADNIL, from_, from_ + n - 1, 0)

    def jump(self) -> int:
        """luaK_jump: a JMP to be fixed, with the jumps pending to here (jpc) chained to it."""
        jpc = self.jpc
        self.jpc = NO_JUMP
        code = self.code
        code.append(OP_JMP | ((NO_JUMP + MAXARG_SBX) << 14))
        self.lineinfo.append(self.ls.i)
        j = len(code) - 1
        return j if jpc == NO_JUMP else self.concat(j, jpc)

    def ret(self, first: int, nret: int) -> None:
        if self.jpc != NO_JUMP:  # luaK_codeABC, inline (every function ends with one)
            self.dischargejpc()
        self.code.append(OP_RETURN + _A[first] + _B[nret + 1])
        self.lineinfo.append(self.ls.i)

    def condjump(self, op: int, a: int, b: int, c: int) -> int:
        """The test, then luaK_jump (both inline: about one instruction in ten is one)."""
        jpc = self.jpc
        if jpc != NO_JUMP:
            self.dischargejpc()  # (it ends with jpc = NO_JUMP: luaK_jump has none to chain)
        code = self.code
        code.append(op + _A[a] + _B[b] + _C[c])
        code.append(OP_JMP | ((NO_JUMP + MAXARG_SBX) << 14))
        i = self.ls.i
        lineinfo = self.lineinfo
        lineinfo.append(i)
        lineinfo.append(i)
        return len(code) - 1

    def fixjump(self, pc: int, dest: int) -> None:
        offset = dest - (pc + 1)
        if offset > MAXARG_SBX or offset < -MAXARG_SBX:
            raise CodegenLimit("control structure too long")
        code = self.code
        code[pc] = (code[pc] & 0x3FFF) + ((offset + MAXARG_SBX) << 14)  # SETARG_sBx

    def getlabel(self) -> int:
        self.lasttarget = len(self.code)
        return self.lasttarget

    def getjump(self, pc: int) -> int:
        offset = ((self.code[pc] >> 14) & MAXARG_BX) - MAXARG_SBX  # GETARG_sBx
        if offset == NO_JUMP:
            return NO_JUMP
        return pc + 1 + offset

    def getjumpcontrol(self, pc: int) -> int:
        """The pc of the instruction that controls the jump at pc (a test before it, or itself)."""
        if pc >= 1 and _IS_TEST[self.code[pc - 1] & 0x3F]:
            return pc - 1
        return pc

    def need_value(self, lst: int) -> bool:
        code = self.code
        while lst != NO_JUMP:
            i = code[lst]
            if lst >= 1 and _IS_TEST[code[lst - 1] & 0x3F]:  # getjumpcontrol
                if code[lst - 1] & 0x3F != OP_TESTSET:
                    return True
            elif i & 0x3F != OP_TESTSET:
                return True
            offset = ((i >> 14) & MAXARG_BX) - MAXARG_SBX  # getjump
            if offset == NO_JUMP:
                break
            lst += 1 + offset
        return False

    def patchtestreg(self, node: int, reg: int) -> bool:
        code = self.code
        at = node - 1 if node >= 1 and _IS_TEST[code[node - 1] & 0x3F] else node
        i = code[at]
        if i & 0x3F != OP_TESTSET:
            return False
        b = (i >> 23) & 0x1FF
        if reg != NO_REG and reg != b:
            code[at] = (i & _NOT_A) + _A[reg]  # SETARG_A
        else:
            code[at] = OP_TEST | _A[b] | (i & (0x1FF << 14))  # TEST b 0 c
        return True

    def removevalues(self, lst: int) -> None:
        while lst != NO_JUMP:
            self.patchtestreg(lst, NO_REG)
            lst = self.getjump(lst)

    def patchlistaux(self, lst: int, vtarget: int, reg: int, dtarget: int) -> None:
        code = self.code
        while lst != NO_JUMP:
            offset = ((code[lst] >> 14) & MAXARG_BX) - MAXARG_SBX  # getjump
            nxt = NO_JUMP if offset == NO_JUMP else lst + 1 + offset
            # patchtestreg, inline
            at = lst - 1 if lst >= 1 and _IS_TEST[code[lst - 1] & 0x3F] else lst
            i = code[at]
            if i & 0x3F == OP_TESTSET:
                b = (i >> 23) & 0x1FF
                if reg != NO_REG and reg != b:
                    code[at] = (i & _NOT_A) + _A[reg]  # SETARG_A
                else:
                    code[at] = OP_TEST | _A[b] | (i & (0x1FF << 14))  # TEST b 0 c
                offset = vtarget - (lst + 1)
            else:
                offset = dtarget - (lst + 1)
            if offset > MAXARG_SBX or offset < -MAXARG_SBX:  # fixjump, inline
                raise CodegenLimit("control structure too long")
            code[lst] = (code[lst] & 0x3FFF) + ((offset + MAXARG_SBX) << 14)  # SETARG_sBx
            lst = nxt

    def dischargejpc(self) -> None:
        pc = len(self.code)
        self.patchlistaux(self.jpc, pc, NO_REG, pc)
        self.jpc = NO_JUMP

    def patchlist(self, lst: int, target: int) -> None:
        if target == len(self.code):
            self.patchtohere(lst)
        else:
            self.patchlistaux(lst, target, NO_REG, target)

    def patchtohere(self, lst: int) -> None:
        self.lasttarget = len(self.code)  # getlabel
        if lst != NO_JUMP:
            jpc = self.jpc
            self.jpc = lst if jpc == NO_JUMP else self.concat(jpc, lst)

    def concat(self, l1: int, l2: int) -> int:
        """luaK_concat: append list l2 to list l1; returns the new head of l1.

        The same jump is fixed as in lcode.c, but the walk to l1's tail starts where the last
        concat onto l1 left it, so a list built by n concats costs O(n), not O(n^2) (an
        if/elseif chain's escape list, a long ``and`` chain's false list)."""
        if l2 == NO_JUMP:
            return l1
        if l1 == NO_JUMP:
            return l2
        tails = self.tails
        lst = tails.get(l1, l1)
        code = self.code
        while True:
            offset = (code[lst] >> 14) - MAXARG_SBX  # getjump (Bx: the top 18 bits)
            if offset == NO_JUMP:
                break
            lst += 1 + offset
        self.fixjump(lst, l2)
        tails[l1] = tails.get(l2, l2)
        return l1

    # --- expressions ------------------------------------------------------------------------

    def setreturns(self, e: ExpDesc, nresults: int) -> None:
        if e.k == VCALL:
            code = self.code
            code[e.info] = (code[e.info] & _NOT_C) + ((nresults + 1) << 14)  # SETARG_C
        elif e.k == VVARARG:
            i = set_b(self.code[e.info], nresults + 1)
            self.code[e.info] = set_a(i, self.freereg)
            self.reserveregs(1)

    def setmultret(self, e: ExpDesc) -> None:
        if e.k == VCALL:  # setreturns(e, LUA_MULTRET): C = 0
            code = self.code
            code[e.info] &= _NOT_C
        elif e.k == VVARARG:
            self.setreturns(e, LUA_MULTRET)

    def setoneret(self, e: ExpDesc) -> None:
        if e.k == VCALL:
            e.k = VNONRELOC
            e.info = (self.code[e.info] >> 6) & 0xFF  # GETARG_A
        elif e.k == VVARARG:
            self.code[e.info] = set_b(self.code[e.info], 2)
            e.k = VRELOCABLE

    def dischargevars(self, e: ExpDesc) -> None:
        k = e.k
        if k == VLOCAL:
            e.k = VNONRELOC
        elif k == VUPVAL:
            e.info = self.code_abc(OP_GETUPVAL, 0, e.info, 0)
            e.k = VRELOCABLE
        elif k == VGLOBAL:
            e.info = self.code_abx(OP_GETGLOBAL, 0, e.info)
            e.k = VRELOCABLE
        elif k == VINDEXED:
            aux = e.aux
            info = e.info
            nactvar = self.nactvar
            if not (aux & 256) and aux >= nactvar:  # freereg(aux)
                self.freereg -= 1
            if not (info & 256) and info >= nactvar:  # freereg(info)
                self.freereg -= 1
            if self.jpc != NO_JUMP:  # luaK_codeABC, inline
                self.dischargejpc()
            code = self.code
            code.append(OP_GETTABLE + _B[info] + _C[aux])
            self.lineinfo.append(self.ls.i)
            e.info = len(code) - 1
            e.k = VRELOCABLE
        elif k == VVARARG or k == VCALL:
            self.setoneret(e)

    def code_label(self, a: int, b: int, jump: int) -> int:
        self.getlabel()
        return self.code_abc(OP_LOADBOOL, a, b, jump)

    def discharge2reg(self, e: ExpDesc, reg: int) -> None:
        self.dischargevars(e)
        k = e.k
        if k == VNIL:
            self.nil(reg, 1)
        elif k == VFALSE or k == VTRUE:
            self.code_abc(OP_LOADBOOL, reg, 1 if k == VTRUE else 0, 0)
        elif k == VK:
            self.code_abx(OP_LOADK, reg, e.info)
        elif k == VKNUM:
            self.code_abx(OP_LOADK, reg, self.number_k(e.nval))
        elif k == VRELOCABLE:
            self.code[e.info] = (self.code[e.info] & _NOT_A) + _A[reg]  # SETARG_A
        elif k == VNONRELOC:
            if reg != e.info:
                self.code_abc(OP_MOVE, reg, e.info, 0)
        else:
            return
        e.info = reg
        e.k = VNONRELOC

    def discharge2anyreg(self, e: ExpDesc) -> None:
        if e.k != VNONRELOC:
            self.reserveregs(1)
            self.discharge2reg(e, self.freereg - 1)

    def exp2reg(self, e: ExpDesc, reg: int) -> None:
        k = e.k
        if k == VLOCAL:  # dischargevars
            k = VNONRELOC
        elif k >= VUPVAL and k <= VINDEXED or k >= VCALL:
            self.dischargevars(e)
            k = e.k
        # discharge2reg
        if k == VRELOCABLE:
            code = self.code
            pc = e.info
            code[pc] = (code[pc] & _NOT_A) + _A[reg]  # SETARG_A
        elif k == VNONRELOC:
            if reg != e.info:
                self.code_abc(OP_MOVE, reg, e.info, 0)
        elif k == VK:
            self.code_abx(OP_LOADK, reg, e.info)
        elif k == VKNUM:
            self.code_abx(OP_LOADK, reg, self.number_k(e.nval))
        elif k == VNIL:
            self.nil(reg, 1)
        elif k == VFALSE or k == VTRUE:
            self.code_abc(OP_LOADBOOL, reg, 1 if k == VTRUE else 0, 0)
        if k == VJMP:
            e.t = self.concat(e.t, e.info)
        else:
            e.info = reg
            e.k = VNONRELOC
            if e.t == e.f:  # no jumps: the value is in reg
                return
        if e.t != e.f:
            p_f = NO_JUMP
            p_t = NO_JUMP
            if self.need_value(e.t) or self.need_value(e.f):
                fj = NO_JUMP if e.k == VJMP else self.jump()
                p_f = self.code_label(reg, 0, 1)
                p_t = self.code_label(reg, 1, 0)
                self.patchtohere(fj)
            final = self.getlabel()
            self.patchlistaux(e.f, final, reg, p_f)
            self.patchlistaux(e.t, final, reg, p_t)
        e.f = e.t = NO_JUMP
        e.info = reg
        e.k = VNONRELOC

    def exp2nextreg(self, e: ExpDesc) -> None:
        """luaK_exp2nextreg: e's value into the next free register. Without jumps, the
        commonest kinds are discharged straight into that register (the same instruction
        dischargevars would emit, with its A already set)."""
        k = e.k
        if e.t == e.f:
            if k == VLOCAL or k == VNONRELOC:
                src = e.info
                if not (src & 256) and src >= self.nactvar:  # freeexp
                    self.freereg -= 1
                reg = self.freereg  # reserveregs(1)
                if reg >= self.f.maxstacksize:
                    self.grow(reg + 1)
                self.freereg = reg + 1
                if reg != src:
                    if self.jpc != NO_JUMP:  # luaK_codeABC, inline
                        self.dischargejpc()
                    self.code.append(OP_MOVE + _A[reg] + _B[src])
                    self.lineinfo.append(self.ls.i)
                e.info = reg
                e.k = VNONRELOC
                return
            if k == VRELOCABLE:
                reg = self.freereg  # reserveregs(1)
                if reg >= self.f.maxstacksize:
                    self.grow(reg + 1)
                self.freereg = reg + 1
                code = self.code
                pc = e.info
                code[pc] = (code[pc] & _NOT_A) + _A[reg]  # SETARG_A
                e.info = reg
                e.k = VNONRELOC
                return
            if k == VGLOBAL:
                instr = OP_GETGLOBAL + (e.info << 14)
            elif k == VUPVAL:
                instr = OP_GETUPVAL + _B[e.info]
            elif k == VINDEXED:
                aux = e.aux
                info = e.info
                nactvar = self.nactvar
                if not (aux & 256) and aux >= nactvar:  # freereg(aux)
                    self.freereg -= 1
                if not (info & 256) and info >= nactvar:  # freereg(info)
                    self.freereg -= 1
                instr = OP_GETTABLE + _B[info] + _C[aux]
            elif k == VK:
                instr = OP_LOADK + (e.info << 14)
            elif k == VKNUM:
                instr = OP_LOADK  # (its constant once the register is reserved, as in lcode.c)
            else:
                instr = -1
            if instr >= 0:
                reg = self.freereg  # reserveregs(1)
                if reg >= self.f.maxstacksize:
                    self.grow(reg + 1)
                self.freereg = reg + 1
                if k == VKNUM:
                    idx = self.nkcache.get(e.nval)  # number_k
                    if idx is None:
                        idx = self.number_k(e.nval)
                    instr += idx << 14
                if self.jpc != NO_JUMP:  # luaK_code, inline
                    self.dischargejpc()
                code = self.code
                code.append(instr + _A[reg])
                self.lineinfo.append(self.ls.i)
                e.info = reg
                e.k = VNONRELOC
                return
        if k == VLOCAL:  # dischargevars
            e.k = k = VNONRELOC
        elif k >= VUPVAL and k <= VINDEXED or k >= VCALL:
            self.dischargevars(e)
            k = e.k
        if k == VNONRELOC:  # freeexp
            reg = e.info
            if not (reg & 256) and reg >= self.nactvar:
                self.freereg -= 1
        reg = self.freereg  # reserveregs(1)
        if reg >= self.f.maxstacksize:
            self.grow(reg + 1)
        self.freereg = reg + 1
        self.exp2reg(e, reg)

    def exp2anyreg(self, e: ExpDesc) -> int:
        k = e.k
        if e.t == e.f and k != VCALL and k != VVARARG:  # no jumps, and not a call's own
            # register: a value in a register stays there, the rest goes to the next one
            if k == VLOCAL or k == VNONRELOC:
                e.k = VNONRELOC
                return e.info
            self.exp2nextreg(e)
            return e.info
        if k == VLOCAL:  # dischargevars
            e.k = VNONRELOC
            if e.t == e.f:
                return e.info
        elif k >= VUPVAL and k <= VINDEXED or k >= VCALL:
            self.dischargevars(e)
        if e.k == VNONRELOC:
            if e.t == e.f:
                return e.info
            if e.info >= self.nactvar:
                self.exp2reg(e, e.info)
                return e.info
        self.exp2nextreg(e)
        return e.info

    def exp2val(self, e: ExpDesc) -> None:
        if e.t != e.f:
            self.exp2anyreg(e)
        else:
            k = e.k
            if VLOCAL <= k <= VINDEXED or k >= VCALL:  # (dischargevars does nothing else)
                self.dischargevars(e)

    def exp2rk(self, e: ExpDesc) -> int:
        if e.t == e.f:  # the commonest operands first
            k = e.k
            if k == VLOCAL:
                e.k = VNONRELOC
                return e.info
            if k == VNONRELOC:
                return e.info
            if k == VK and e.info <= MAXINDEXRK:
                return e.info | 256
            if k == VKNUM and len(self.f.constants) <= MAXINDEXRK:
                info = self.nkcache.get(e.nval)  # number_k
                if info is None:
                    info = self.number_k(e.nval)
                e.info = info
                e.k = VK
                return info | 256
            if k == VRELOCABLE or VUPVAL <= k <= VINDEXED:  # exp2val, then exp2anyreg's
                self.exp2nextreg(e)  # next register
                return e.info
        self.exp2val(e)
        k = e.k
        if k == VKNUM or k == VTRUE or k == VFALSE or k == VNIL:
            if len(self.f.constants) <= MAXINDEXRK:
                if k == VNIL:
                    e.info = self.nil_k()
                elif k == VKNUM:
                    e.info = self.number_k(e.nval)
                else:
                    e.info = self.bool_k(k == VTRUE)
                e.k = VK
                return e.info | 256  # RKASK
        elif k == VK:
            if e.info <= MAXINDEXRK:
                return e.info | 256
        return self.exp2anyreg(e)

    def storevar(self, var: ExpDesc, ex: ExpDesc) -> None:
        k = var.k
        if k == VLOCAL:
            ek = ex.k
            if ek == VNONRELOC:  # freeexp
                reg = ex.info
                if not (reg & 256) and reg >= self.nactvar:
                    self.freereg -= 1
            elif ek == VRELOCABLE and ex.t == ex.f:  # exp2reg's commonest case, inline
                reg = var.info
                code = self.code
                pc = ex.info
                code[pc] = (code[pc] & _NOT_A) + _A[reg]  # SETARG_A
                ex.info = reg
                ex.k = VNONRELOC
                return
            self.exp2reg(ex, var.info)
            return
        if k == VUPVAL:
            e = self.exp2anyreg(ex)
            self.code_abc(OP_SETUPVAL, e, var.info, 0)
        elif k == VGLOBAL:
            e = self.exp2anyreg(ex)
            self.code_abx(OP_SETGLOBAL, e, var.info)
        elif k == VINDEXED:
            e = self.exp2rk(ex)
            self.code_abc(OP_SETTABLE, var.info, var.aux, e)
        if ex.k == VNONRELOC:  # freeexp
            reg = ex.info
            if not (reg & 256) and reg >= self.nactvar:
                self.freereg -= 1

    def self_k(self, e: ExpDesc, rk: int) -> None:
        """luaK_self whose key (the method's name) is the RK operand rk: no descriptor for it."""
        self.exp2anyreg(e)
        self.freeexp(e)
        func = self.freereg
        self.reserveregs(2)
        self.code_abc(OP_SELF, func, e.info, rk)
        e.info = func
        e.k = VNONRELOC

    def self_(self, e: ExpDesc, key: ExpDesc) -> None:
        self.exp2anyreg(e)
        self.freeexp(e)
        func = self.freereg
        self.reserveregs(2)
        self.code_abc(OP_SELF, func, e.info, self.exp2rk(key))
        self.freeexp(key)
        e.info = func
        e.k = VNONRELOC

    def invertjump(self, e: ExpDesc) -> None:
        code = self.code
        pc = e.info
        at = pc - 1 if pc >= 1 and _IS_TEST[code[pc - 1] & 0x3F] else pc  # getjumpcontrol
        i = code[at]
        code[at] = (i & _NOT_A) + (0 if i & 0x3FC0 else 1 << 6)  # SETARG_A: A = not A

    def jumponcond(self, e: ExpDesc, cond: int) -> int:
        if e.k == VRELOCABLE:
            ie = self.code[e.info]
            if get_op(ie) == OP_NOT:
                self.code.pop()
                self.lineinfo.pop()
                return self.condjump(OP_TEST, get_b(ie), 0, 0 if cond else 1)
        self.discharge2anyreg(e)
        self.freeexp(e)
        return self.condjump(OP_TESTSET, NO_REG, e.info, cond)

    def goiftrue(self, e: ExpDesc) -> None:
        k = e.k
        if VLOCAL <= k <= VINDEXED or k >= VCALL:
            self.dischargevars(e)
            k = e.k
        if k == VK or k == VKNUM or k == VTRUE:
            pc = NO_JUMP
        elif k == VJMP:
            self.invertjump(e)
            pc = e.info
        else:
            pc = self.jumponcond(e, 0)
        e.f = self.concat(e.f, pc)
        self.patchtohere(e.t)
        e.t = NO_JUMP

    def goiffalse(self, e: ExpDesc) -> None:
        k = e.k
        if VLOCAL <= k <= VINDEXED or k >= VCALL:
            self.dischargevars(e)
            k = e.k
        if k == VNIL or k == VFALSE:
            pc = NO_JUMP
        elif k == VJMP:
            pc = e.info
        else:
            pc = self.jumponcond(e, 1)
        e.t = self.concat(e.t, pc)
        self.patchtohere(e.f)
        e.f = NO_JUMP

    def codenot(self, e: ExpDesc) -> None:
        self.dischargevars(e)
        k = e.k
        if k == VNIL or k == VFALSE:
            e.k = VTRUE
        elif k == VK or k == VKNUM or k == VTRUE:
            e.k = VFALSE
        elif k == VJMP:
            self.invertjump(e)
        elif k == VRELOCABLE or k == VNONRELOC:
            self.discharge2anyreg(e)
            self.freeexp(e)
            e.info = self.code_abc(OP_NOT, 0, e.info, 0)
            e.k = VRELOCABLE
        e.f, e.t = e.t, e.f
        self.removevalues(e.f)
        self.removevalues(e.t)

    def indexed(self, t: ExpDesc, k: ExpDesc) -> None:
        t.aux = self.exp2rk(k)
        t.k = VINDEXED

    def codearith(self, op: int, e1: ExpDesc, e2: ExpDesc) -> None:
        if (e1.k == VKNUM and e1.t == NO_JUMP and e1.f == NO_JUMP
                and e2.k == VKNUM and e2.t == NO_JUMP and e2.f == NO_JUMP):
            r = _fold(op, e1.nval, e2.nval)
            if r is not None:
                e1.nval = r
                return
        # the operands as RK (exp2rk, its commonest case inline: a value in a register)
        if op == OP_UNM or op == OP_LEN:
            o2 = 0
        else:
            k = e2.k
            if (k == VNONRELOC or k == VLOCAL) and e2.t == e2.f:
                e2.k = VNONRELOC
                o2 = e2.info
            elif k == VKNUM and e2.t == e2.f and len(self.f.constants) <= MAXINDEXRK:
                o2 = self.nkcache.get(e2.nval)  # number_k
                if o2 is None:
                    o2 = self.number_k(e2.nval)
                e2.info = o2
                e2.k = VK
                o2 |= 256
            else:
                o2 = self.exp2rk(e2)
        k = e1.k
        if (k == VNONRELOC or k == VLOCAL) and e1.t == e1.f:
            e1.k = VNONRELOC
            o1 = e1.info
        else:
            o1 = self.exp2rk(e1)
        # freeexp of both, the higher register first
        nactvar = self.nactvar
        if e1.k == VNONRELOC and not (o1 & 256) and o1 >= nactvar:
            self.freereg -= 1
        if e2.k == VNONRELOC and not (o2 & 256) and o2 >= nactvar:
            self.freereg -= 1
        if self.jpc != NO_JUMP:  # luaK_codeABC, inline
            self.dischargejpc()
        code = self.code
        code.append(op + _B[o1] + _C[o2])
        self.lineinfo.append(self.ls.i)
        e1.info = len(code) - 1
        e1.k = VRELOCABLE

    def codecomp(self, op: int, cond: int, e1: ExpDesc, e2: ExpDesc) -> None:
        o1 = self.exp2rk(e1)
        o2 = self.exp2rk(e2)
        nactvar = self.nactvar  # freeexp of both, the second first
        if e2.k == VNONRELOC and not (o2 & 256) and o2 >= nactvar:
            self.freereg -= 1
        if e1.k == VNONRELOC and not (o1 & 256) and o1 >= nactvar:
            self.freereg -= 1
        if cond == 0 and op != OP_EQ:
            o1, o2 = o2, o1
            cond = 1
        e1.info = self.condjump(op, cond, o1, o2)
        e1.k = VJMP

    def setlist(self, base: int, nelems: int, tostore: int) -> None:
        c = (nelems - 1) // LFIELDS_PER_FLUSH + 1
        b = 0 if tostore == LUA_MULTRET else tostore
        if c <= MAXARG_C:
            self.code_abc(OP_SETLIST, base, b, c)
        else:
            self.code_abc(OP_SETLIST, base, b, 0)
            self.code_instr(c)
        self.freereg = base + 1

    # --- locals -----------------------------------------------------------------------------

    def adjustlocalvars(self, nvars: int) -> None:
        """The last nvars declared locals become active (visible to names from here on)."""
        reg = self.nactvar
        self.nactvar = reg + nvars
        pc = len(self.code)
        where = self.where
        hidden = self.hidden
        actvar = self.actvar
        if nvars == 1:  # the commonest, without a loop
            var = actvar[reg]
            var.startpc = pc
            name = var.name
            hidden.append(where.get(name))
            where[name] = reg
            return
        for var in actvar[reg:reg + nvars]:
            var.startpc = pc
            name = var.name
            hidden.append(where.get(name))
            where[name] = reg
            reg += 1

    def removevars(self, tolevel: int) -> None:
        nactvar = self.nactvar
        if nactvar > tolevel:
            pc = len(self.code)
            actvar = self.actvar
            where = self.where
            hidden = self.hidden
            while nactvar > tolevel:
                nactvar -= 1
                var = actvar[nactvar]
                var.endpc = pc
                outer = hidden.pop()
                if outer is None:
                    del where[var.name]
                else:
                    where[var.name] = outer
            self.nactvar = nactvar

    def enterblock(self, isbreakable: bool) -> BlockCnt:
        spare = self.spare  # a block record left by leaveblock, or a new one
        bl = spare.pop() if spare else BlockCnt()
        bl.previous = self.bl
        bl.breaklist = NO_JUMP
        bl.nactvar = self.nactvar
        bl.upval = False
        bl.isbreakable = isbreakable
        self.bl = bl
        return bl

    def markupval(self, level: int) -> None:
        """A closure captures register ``level``: the block declaring it must CLOSE it."""
        bl = self.bl
        while bl is not None and bl.nactvar > level:
            bl = bl.previous
        if bl is not None:
            bl.upval = True

    def leaveblock(self) -> None:
        bl = self.bl
        self.bl = bl.previous
        if self.nactvar > bl.nactvar:
            self.removevars(bl.nactvar)
        if bl.upval:
            self.code_abc(OP_CLOSE, bl.nactvar, 0, 0)
        self.freereg = self.nactvar
        self.lasttarget = len(self.code)  # patchtohere(bl.breaklist)
        if bl.breaklist != NO_JUMP:
            self.jpc = self.concat(self.jpc, bl.breaklist)
        self.spare.append(bl)  # (no one reads a block once it is left)

    # --- operators (luaK_prefix, luaK_infix, luaK_posfix) -----------------------------------

    def prefix(self, op: str, e: ExpDesc) -> None:
        """luaK_prefix: ``-e``, ``not e``, ``#e``."""
        if op == "-":
            if not (e.k == VKNUM and e.t == NO_JUMP and e.f == NO_JUMP):
                self.exp2anyreg(e)
            self.codearith(OP_UNM, e, _NO_OPERAND)
        elif op == "not":
            self.codenot(e)
        else:
            self.exp2anyreg(e)
            self.codearith(OP_LEN, e, _NO_OPERAND)

    def infix(self, op: str, v: ExpDesc) -> None:
        """luaK_infix: the left operand, once the operator is read."""
        if op == "and":
            self.goiftrue(v)
        elif op == "or":
            self.goiffalse(v)
        elif op == "..":
            self.exp2nextreg(v)
        elif op in ARITH:
            if not (v.k == VKNUM and v.t == NO_JUMP and v.f == NO_JUMP):
                self.exp2rk(v)
        else:
            self.exp2rk(v)

    def posfix(self, op: str, e1: ExpDesc, e2: ExpDesc) -> None:
        """luaK_posfix: ``e1 op e2`` into e1."""
        if op == "and":
            if VLOCAL <= e2.k <= VINDEXED or e2.k >= VCALL:
                self.dischargevars(e2)
            e2.f = self.concat(e2.f, e1.f)
            e1.copy_from(e2)
        elif op == "or":
            if VLOCAL <= e2.k <= VINDEXED or e2.k >= VCALL:
                self.dischargevars(e2)
            e2.t = self.concat(e2.t, e1.t)
            e1.copy_from(e2)
        elif op == "..":
            self.exp2val(e2)
            code = self.code
            if e2.k == VRELOCABLE and (code[e2.info] & 0x3F) == OP_CONCAT:
                self.freeexp(e1)
                code[e2.info] = (code[e2.info] & _NOT_B) + (e1.info << 23)  # SETARG_B
                e1.k = VRELOCABLE
                e1.info = e2.info
            else:
                self.exp2nextreg(e2)
                self.codearith(OP_CONCAT, e1, e2)
        elif op in ARITH:
            self.codearith(ARITH[op], e1, e2)
        else:
            opcode, cond = COMPARE[op]
            self.codecomp(opcode, cond, e1, e2)
