"""The code generator: AST to Lua 5.1 prototypes, instruction for instruction as luac5.1.

The walk visits the tree in the order lparser.c parses the source and makes the same calls
into the expression machinery (``funcstate``), so registers, constants, jumps and line numbers
come out as luac5.1's. Before each emission the walker sets ``fs.line`` to the mark (ast.py)
of that point: luac's ``lastline`` there, and the current token's position, where a limit error
(too many registers, constants, too long a jump) is reported. The walk loops over chains and
recurses only where the parser took a syntax level.
"""

from __future__ import annotations

from collections.abc import Callable

from vm.bytecode.opcodes import LFIELDS_PER_FLUSH, MAXARG_BX, NO_JUMP, Op, set_b, set_c
from vm.bytecode.proto import VARARG_HASARG, Proto
from vm.compiler import ast
from vm.compiler.ast import LINE_MASK, pos_of
from vm.compiler.funcstate import (
    LUA_MULTRET,
    VCALL,
    VFALSE,
    VGLOBAL,
    VINDEXED,
    VK,
    VKNUM,
    VLOCAL,
    VNIL,
    VNONRELOC,
    VRELOCABLE,
    VTRUE,
    VUPVAL,
    VVARARG,
    VVOID,
    CodegenLimit,
    ExpDesc,
    FuncState,
    int2fb,
)
from vm.compiler.lexer import Lexer
from vm.errors import LoadError

_ARITH = {"+": Op.ADD, "-": Op.SUB, "*": Op.MUL, "/": Op.DIV, "%": Op.MOD, "^": Op.POW}
# comparison operator -> (opcode, cond)
_COMPARE = {"==": (Op.EQ, 1), "~=": (Op.EQ, 0), "<": (Op.LT, 1), "<=": (Op.LE, 1),
            ">": (Op.LT, 0), ">=": (Op.LE, 0)}
_FOR_NUM_NAMES = (b"(for index)", b"(for limit)", b"(for step)")
_FOR_LIST_NAMES = (b"(for generator)", b"(for state)", b"(for control)")
POLL_EVERY = 4096


def _hasmultret(k: int) -> bool:
    return k == VCALL or k == VVARARG


class CodeGenerator:
    """Walks one chunk's AST and builds its Proto tree."""

    def __init__(self, source: bytes, poll: Callable[[], None] | None = None) -> None:
        self.source = source
        self.fs: FuncState = None  # type: ignore[assignment]
        self.poll = poll  # called every POLL_EVERY statements and chain links (see compile_source)
        self.countdown = POLL_EVERY

    # --- functions --------------------------------------------------------------------------

    def main(self, chunk: ast.Chunk) -> Proto:
        fs = FuncState(None, self.source)
        self.fs = fs
        fs.f.is_vararg = chunk.func.is_vararg
        self.chunk(chunk.func.body.stats)
        fs.line = chunk.func.last
        return self.close_func()

    def close_func(self) -> Proto:
        fs = self.fs
        fs.removevars(0)
        fs.ret(0, 0)
        f = fs.f
        f.lineinfo[:] = [m & LINE_MASK for m in f.lineinfo]  # marks -> lines
        f.nups = len(f.upvalues)
        self.fs = fs.prev
        return f

    def function(self, node: ast.Function, e: ExpDesc) -> None:
        """body -> '(' parlist ')' chunk END, then pushclosure."""
        outer = self.fs
        fs = FuncState(outer, self.source)
        self.fs = fs
        f = fs.f
        f.linedefined = node.line
        f.upvalues = [up.name for up in node.upvalues]
        nparams = 0
        if node.is_method:
            fs.new_localvar(b"self", 0)
            fs.adjustlocalvars(1)
        for name in node.params:
            fs.new_localvar(name, nparams)
            nparams += 1
        if node.is_vararg & VARARG_HASARG:
            fs.new_localvar(b"arg", nparams)
            nparams += 1
        f.is_vararg = node.is_vararg
        fs.adjustlocalvars(nparams)
        f.numparams = fs.nactvar - (node.is_vararg & VARARG_HASARG)
        fs.reserveregs(fs.nactvar)
        self.chunk(node.body.stats)
        f.lastlinedefined = node.last & LINE_MASK
        fs.line = node.last
        self.close_func()
        # pushclosure
        outer.line = node.last
        outer.f.protos.append(f)
        if len(outer.f.protos) > MAXARG_BX + 1:
            raise CodegenLimit("constant table overflow")
        e.k = VRELOCABLE
        e.info = outer.code_abx(Op.CLOSURE, 0, len(outer.f.protos) - 1)
        e.t = e.f = NO_JUMP
        for up in node.upvalues:
            outer.code_abc(Op.MOVE if up.from_local else Op.GETUPVAL, 0, up.index, 0)

    # --- blocks -----------------------------------------------------------------------------

    def chunk(self, stats: list[ast.Stat]) -> None:
        """chunk -> { stat [';'] }"""
        fs = self.fs
        for stat in stats:
            self.STAT[type(stat)](self, stat)
            fs.freereg = fs.nactvar
            self.countdown -= 1
            if not self.countdown:
                self.polled()

    def polled(self) -> None:
        self.countdown = POLL_EVERY
        if self.poll is not None:
            self.poll()

    def block(self, block: ast.Block) -> None:
        """block -> chunk (in a scope of its own)"""
        fs = self.fs
        fs.enterblock(False, block.closes)
        self.chunk(block.stats)
        fs.line = block.last
        fs.leaveblock()

    # --- statements -------------------------------------------------------------------------

    def stat_local(self, s: ast.Local) -> None:
        """localstat -> LOCAL NAME {',' NAME} ['=' explist1]"""
        fs = self.fs
        for i, name in enumerate(s.names):
            fs.new_localvar(name, i)
        e = ExpDesc()
        if s.exprs:
            self.explist1(s.exprs, s.seps, e)
        else:
            e.k = VVOID
        fs.line = s.last
        self.adjust_assign(len(s.names), len(s.exprs), e)
        fs.adjustlocalvars(len(s.names))

    def stat_local_function(self, s: ast.LocalFunction) -> None:
        """localfunc -> LOCAL FUNCTION NAME body"""
        fs = self.fs
        fs.new_localvar(s.name, 0)
        v = ExpDesc(VLOCAL, fs.freereg)
        fs.reserveregs(1)
        fs.adjustlocalvars(1)
        b = ExpDesc()
        self.function(s.func, b)
        fs.storevar(v, b)
        fs.f.locvars[fs.actvar[fs.nactvar - 1]].startpc = fs.pc

    def stat_function(self, s: ast.FunctionStat) -> None:
        """funcstat -> FUNCTION funcname body"""
        fs = self.fs
        v = ExpDesc()
        self.expr(s.target, v)
        b = ExpDesc()
        self.function(s.func, b)
        fs.storevar(v, b)
        fs.fixline(s.line)

    def stat_call(self, s: ast.CallStat) -> None:
        """exprstat -> func"""
        fs = self.fs
        v = ExpDesc()
        self.expr(s.call, v)
        fs.code[v.info] = set_c(fs.code[v.info], 1)

    def stat_assign(self, s: ast.Assign) -> None:
        """assignment -> primaryexp {',' primaryexp} '=' explist1"""
        fs = self.fs
        lhs: list[ExpDesc] = []
        for target in s.targets:
            v = ExpDesc()
            self.expr(target, v)
            if lhs and v.k == VLOCAL:
                self.check_conflict(lhs, v)
            lhs.append(v)
        nvars = len(lhs)
        e = ExpDesc()
        nexps = self.explist1(s.exprs, s.seps, e)
        fs.line = s.last
        if nexps != nvars:
            self.adjust_assign(nvars, nexps, e)
            if nexps > nvars:
                fs.freereg -= nexps - nvars
        else:
            fs.setoneret(e)
            fs.storevar(lhs[-1], e)
            lhs.pop()
        for v in reversed(lhs):
            e = ExpDesc(VNONRELOC, fs.freereg - 1)
            fs.storevar(v, e)

    def check_conflict(self, lhs: list[ExpDesc], v: ExpDesc) -> None:
        """A local assigned after a table indexed by it: copy it so the table store sees the old
        value."""
        fs = self.fs
        extra = fs.freereg
        conflict = False
        for lh in reversed(lhs):
            if lh.k == VINDEXED:
                if lh.info == v.info:
                    conflict = True
                    lh.info = extra
                if lh.aux == v.info:
                    conflict = True
                    lh.aux = extra
        if conflict:
            fs.code_abc(Op.MOVE, fs.freereg, v.info, 0)
            fs.reserveregs(1)

    def stat_do(self, s: ast.Do) -> None:
        """DO block END"""
        self.block(s.body)

    def cond(self, node: ast.Expr) -> int:
        """cond -> exp  (the jump list taken when it is false)"""
        fs = self.fs
        v = ExpDesc()
        self.expr(node, v)
        if v.k == VNIL:
            v.k = VFALSE
        fs.line = node.last
        fs.goiftrue(v)
        return v.f

    def stat_while(self, s: ast.While) -> None:
        """whilestat -> WHILE cond DO block END"""
        fs = self.fs
        whileinit = fs.getlabel()
        condexit = self.cond(s.cond)
        fs.enterblock(True, False)
        self.block(s.body)
        fs.line = s.body.last
        fs.patchlist(fs.jump(), whileinit)
        fs.leaveblock()
        fs.patchtohere(condexit)

    def stat_repeat(self, s: ast.Repeat) -> None:
        """repeatstat -> REPEAT block UNTIL cond"""
        fs = self.fs
        repeat_init = fs.getlabel()
        bl1 = fs.enterblock(True, False)
        fs.enterblock(False, s.closes)
        self.chunk(s.body.stats)
        condexit = self.cond(s.cond)
        if not s.closes:
            fs.leaveblock()
            fs.patchlist(condexit, repeat_init)
        else:
            self.breakstat(bl1.nactvar)
            fs.patchtohere(condexit)
            fs.leaveblock()
            fs.patchlist(fs.jump(), repeat_init)
        fs.leaveblock()

    def breakstat(self, close_level: int | None) -> None:
        fs = self.fs
        bl = fs.bl
        while not bl.isbreakable:
            bl = bl.previous
        if close_level is not None:
            fs.code_abc(Op.CLOSE, close_level, 0, 0)
        bl.breaklist = fs.concat(bl.breaklist, fs.jump())

    def stat_break(self, s: ast.Break) -> None:
        """breakstat -> BREAK"""
        self.fs.line = s.last
        self.breakstat(s.close_level)

    def exp1(self, node: ast.Expr) -> None:
        fs = self.fs
        e = ExpDesc()
        self.expr(node, e)
        fs.line = node.last
        fs.exp2nextreg(e)

    def forbody(self, base: int, line: int, nvars: int, isnum: bool, body: ast.Block,
                do_mark: int, closes: bool) -> None:
        """forbody -> DO block"""
        fs = self.fs
        fs.adjustlocalvars(3)
        fs.line = do_mark
        prep = fs.code_asbx(Op.FORPREP, base, NO_JUMP) if isnum else fs.jump()
        fs.enterblock(False, closes)
        fs.adjustlocalvars(nvars)
        fs.reserveregs(nvars)
        self.block(body)
        fs.line = body.last
        fs.leaveblock()
        fs.patchtohere(prep)
        if isnum:
            endfor = fs.code_asbx(Op.FORLOOP, base, NO_JUMP)
        else:
            endfor = fs.code_abc(Op.TFORLOOP, base, 0, nvars)
        fs.fixline(line)
        fs.patchlist(endfor if isnum else fs.jump(), prep + 1)

    def stat_numeric_for(self, s: ast.NumericFor) -> None:
        """fornum -> NAME = exp1,exp1[,exp1] forbody"""
        fs = self.fs
        fs.enterblock(True, False)
        base = fs.freereg
        for i, name in enumerate(_FOR_NUM_NAMES):
            fs.new_localvar(name, i)
        fs.new_localvar(s.var, 3)
        self.exp1(s.start)
        self.exp1(s.limit)
        if s.step is not None:
            self.exp1(s.step)
        else:
            fs.code_abx(Op.LOADK, fs.freereg, fs.number_k(1.0))
            fs.reserveregs(1)
        self.forbody(base, s.line, 1, True, s.body, s.do_mark, s.closes)
        fs.leaveblock()

    def stat_generic_for(self, s: ast.GenericFor) -> None:
        """forlist -> NAME {,NAME} IN explist1 forbody"""
        fs = self.fs
        fs.enterblock(True, False)
        base = fs.freereg
        for i, name in enumerate(_FOR_LIST_NAMES):
            fs.new_localvar(name, i)
        for i, name in enumerate(s.names):
            fs.new_localvar(name, 3 + i)
        e = ExpDesc()
        nexps = self.explist1(s.exprs, s.seps, e)
        fs.line = s.exprs[-1].last
        self.adjust_assign(3, nexps, e)
        fs.checkstack(3)
        self.forbody(base, s.exprs_line, len(s.names), False, s.body, s.do_mark, s.closes)
        fs.leaveblock()

    def stat_if(self, s: ast.If) -> None:
        """ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END"""
        fs = self.fs
        escapelist = NO_JUMP
        flist = NO_JUMP
        for i, (cond, block) in enumerate(zip(s.conds, s.blocks, strict=True)):
            if i > 0:
                fs.line = s.blocks[i - 1].last
                escapelist = fs.concat(escapelist, fs.jump())
                fs.patchtohere(flist)
            flist = self.cond(cond)
            self.block(block)
        if s.orelse is not None:
            fs.line = s.blocks[-1].last
            escapelist = fs.concat(escapelist, fs.jump())
            fs.patchtohere(flist)
            self.block(s.orelse)
        else:
            escapelist = fs.concat(escapelist, flist)
        fs.patchtohere(escapelist)

    def stat_return(self, s: ast.Return) -> None:
        """retstat -> RETURN [explist1]"""
        fs = self.fs
        if not s.exprs:
            fs.line = s.last
            fs.ret(0, 0)
            return
        e = ExpDesc()
        nret = self.explist1(s.exprs, s.seps, e)
        fs.line = s.last
        if _hasmultret(e.k):
            fs.setmultret(e)
            if e.k == VCALL and nret == 1:
                i = fs.code[e.info]
                fs.code[e.info] = (i & ~0x3F) | Op.TAILCALL
            first = fs.nactvar
            nret = LUA_MULTRET
        elif nret == 1:
            first = fs.exp2anyreg(e)
        else:
            fs.exp2nextreg(e)
            first = fs.nactvar
        fs.ret(first, nret)

    STAT = {
        ast.Local: stat_local,
        ast.LocalFunction: stat_local_function,
        ast.FunctionStat: stat_function,
        ast.CallStat: stat_call,
        ast.Assign: stat_assign,
        ast.Do: stat_do,
        ast.While: stat_while,
        ast.Repeat: stat_repeat,
        ast.NumericFor: stat_numeric_for,
        ast.GenericFor: stat_generic_for,
        ast.If: stat_if,
        ast.Return: stat_return,
        ast.Break: stat_break,
    }

    # --- expression lists -------------------------------------------------------------------

    def explist1(self, exprs: list[ast.Expr], seps: list[ast.Sep], v: ExpDesc) -> int:
        """explist1 -> expr { ',' expr }; the last expression is left open in v."""
        fs = self.fs
        self.expr(exprs[0], v)
        for i in range(1, len(exprs)):
            fs.line = seps[i - 1]
            fs.exp2nextreg(v)
            v.__init__()
            self.expr(exprs[i], v)
        return len(exprs)

    def adjust_assign(self, nvars: int, nexps: int, e: ExpDesc) -> None:
        fs = self.fs
        extra = nvars - nexps
        if _hasmultret(e.k):
            extra += 1
            if extra < 0:
                extra = 0
            fs.setreturns(e, extra)
            if extra > 1:
                fs.reserveregs(extra - 1)
        else:
            if e.k != VVOID:
                fs.exp2nextreg(e)
            if extra > 0:
                reg = fs.freereg
                fs.reserveregs(extra)
                fs.nil(reg, extra)

    # --- expressions ------------------------------------------------------------------------

    def expr(self, node: ast.Expr, v: ExpDesc) -> None:
        """Fill v with the expression's descriptor, emitting what lparser.c emits while parsing."""
        self.EXPR[type(node)](self, node, v)

    def expr_nil(self, node: ast.Nil, v: ExpDesc) -> None:
        v.k = VNIL

    def expr_true(self, node: ast.TrueExpr, v: ExpDesc) -> None:
        v.k = VTRUE

    def expr_false(self, node: ast.FalseExpr, v: ExpDesc) -> None:
        v.k = VFALSE

    def expr_number(self, node: ast.Number, v: ExpDesc) -> None:
        v.k = VKNUM
        v.info = 0
        v.nval = node.value

    def expr_string(self, node: ast.String, v: ExpDesc) -> None:
        v.k = VK
        v.info = self.fs.string_k(node.value)

    def expr_vararg(self, node: ast.Vararg, v: ExpDesc) -> None:
        fs = self.fs
        fs.line = node.emit
        v.k = VVARARG
        v.info = fs.code_abc(Op.VARARG, 0, 1, 0)

    def expr_name(self, node: ast.Name, v: ExpDesc) -> None:
        kind = node.kind
        if kind == "local":
            v.k = VLOCAL
            v.info = node.index
        elif kind == "upval":
            v.k = VUPVAL
            v.info = node.index
        else:
            v.k = VGLOBAL
            v.info = self.fs.string_k(node.name)

    def expr_function(self, node: ast.Function, v: ExpDesc) -> None:
        self.function(node, v)

    def expr_paren(self, node: ast.Paren, v: ExpDesc) -> None:
        """prefixexp -> '(' expr ')'"""
        self.expr(node.expr, v)
        fs = self.fs
        fs.line = node.last
        fs.dischargevars(v)

    def expr_suffixed(self, node: ast.Suffixed, v: ExpDesc) -> None:
        """primaryexp -> prefixexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }"""
        fs = self.fs
        self.expr(node.base, v)
        last = node.base.last  # the line of the token before the suffix
        for s in node.suffixes:
            self.countdown -= 1
            if not self.countdown:
                self.polled()
            cls = s.__class__
            if cls is ast.Index:  # field / '[' exp1 ']'
                fs.line = last
                fs.exp2anyreg(v)
                key = ExpDesc()
                self.expr(s.key, key)  # type: ignore[attr-defined]
                fs.line = s.key.last  # type: ignore[attr-defined]
                fs.exp2val(key)  # yindex; a no-op for '.' NAME
                fs.line = s.last
                fs.indexed(v, key)
            elif cls is ast.Call:  # funcargs
                fs.line = last
                fs.exp2nextreg(v)
                self.funcargs(s, v)  # type: ignore[arg-type]
            else:  # ':' NAME funcargs
                key = ExpDesc(VK, fs.string_k(s.name))  # type: ignore[attr-defined]
                fs.line = s.name_mark  # type: ignore[attr-defined]
                fs.self_(v, key)
                self.funcargs(s, v)  # type: ignore[arg-type]
            last = s.last

    def funcargs(self, node: ast.Call | ast.MethodCall, f: ExpDesc) -> None:
        """funcargs -> '(' [ explist1 ] ')' | constructor | STRING"""
        fs = self.fs
        args = ExpDesc()
        if node.args:
            self.explist1(node.args, node.seps, args)
            fs.line = node.last
            fs.setmultret(args)
        else:
            args.k = VVOID
        fs.line = node.last
        base = f.info
        if _hasmultret(args.k):
            nparams = LUA_MULTRET
        else:
            if args.k != VVOID:
                fs.exp2nextreg(args)
            nparams = fs.freereg - (base + 1)
        f.k = VCALL
        f.info = fs.code_abc(Op.CALL, base, nparams + 1, 2)
        f.t = f.f = NO_JUMP
        fs.fixline(node.call_line)
        fs.freereg = base + 1

    def expr_table(self, node: ast.Table, t: ExpDesc) -> None:
        """constructor -> '{' [ field { fieldsep field } [fieldsep] ] '}'"""
        fs = self.fs
        fs.line = node.emit
        pc = fs.code_abc(Op.NEWTABLE, 0, 0, 0)
        t.k = VRELOCABLE
        t.info = pc
        t.t = t.f = NO_JUMP
        fs.exp2nextreg(t)
        na = nh = tostore = 0
        v = ExpDesc()  # the pending list item
        items = node.items
        last = len(items) - 1
        for i, item in enumerate(items):
            self.countdown -= 1
            if not self.countdown:
                self.polled()
            if item.key is None:
                self.expr(item.value, v)
                na += 1
                tostore += 1
            else:
                self.recfield(item, t)
                nh += 1
            # closelistfield runs at the start of the next item, after the separator
            if i < last and v.k != VVOID:
                fs.line = item.sep_mark  # type: ignore[assignment]
                fs.exp2nextreg(v)
                v.k = VVOID
                if tostore == LFIELDS_PER_FLUSH:
                    fs.setlist(t.info, na, tostore)
                    tostore = 0
        fs.line = node.last
        if tostore:  # lastlistfield
            if _hasmultret(v.k):
                fs.setmultret(v)
                fs.setlist(t.info, na, LUA_MULTRET)
                na -= 1
            else:
                if v.k != VVOID:
                    fs.exp2nextreg(v)
                fs.setlist(t.info, na, tostore)
        code = fs.code
        code[pc] = set_c(set_b(code[pc], int2fb(na)), int2fb(nh))

    def recfield(self, item: ast.TableItem, t: ExpDesc) -> None:
        """recfield -> (NAME | '[' exp1 ']') = exp1"""
        fs = self.fs
        reg = fs.freereg
        key = ExpDesc()
        self.expr(item.key, key)  # type: ignore[arg-type]
        fs.line = item.key.last  # type: ignore[union-attr]
        fs.exp2val(key)  # yindex; a no-op for a NAME key
        fs.line = item.eq_mark
        rkkey = fs.exp2rk(key)
        val = ExpDesc()
        self.expr(item.value, val)
        fs.line = item.value.last
        fs.code_abc(Op.SETTABLE, t.info, rkkey, fs.exp2rk(val))
        fs.freereg = reg

    def expr_unop(self, node: ast.UnOp, v: ExpDesc) -> None:
        """subexpr -> unop subexpr  (luaK_prefix)"""
        fs = self.fs
        self.expr(node.operand, v)
        fs.line = node.operand.last
        op = node.op
        if op == "-":
            if not (v.k == VKNUM and v.t == NO_JUMP and v.f == NO_JUMP):
                fs.exp2anyreg(v)
            e2 = ExpDesc(VKNUM)
            fs.codearith(Op.UNM, v, e2)
        elif op == "not":
            fs.codenot(v)
        else:
            fs.exp2anyreg(v)
            e2 = ExpDesc(VKNUM)
            fs.codearith(Op.LEN, v, e2)

    def expr_binops(self, node: ast.BinOps, v: ExpDesc) -> None:
        """subexpr -> subexpr { binop subexpr }  (luaK_infix, then luaK_posfix, for each link)"""
        fs = self.fs
        self.expr(node.first, v)
        for link in node.links:
            self.countdown -= 1
            if not self.countdown:
                self.polled()
            op = link.op
            fs.line = link.op_mark
            # infix
            if op == "and":
                fs.goiftrue(v)
            elif op == "or":
                fs.goiffalse(v)
            elif op == "..":
                fs.exp2nextreg(v)
            elif op in _ARITH:
                if not (v.k == VKNUM and v.t == NO_JUMP and v.f == NO_JUMP):
                    fs.exp2rk(v)
            else:
                fs.exp2rk(v)
            e2 = ExpDesc()
            self.expr(link.rhs, e2)
            fs.line = link.rhs.last
            # posfix
            if op == "and":
                fs.dischargevars(e2)
                e2.f = fs.concat(e2.f, v.f)
                v.copy_from(e2)
            elif op == "or":
                fs.dischargevars(e2)
                e2.t = fs.concat(e2.t, v.t)
                v.copy_from(e2)
            elif op == "..":
                fs.exp2val(e2)
                if e2.k == VRELOCABLE and (fs.code[e2.info] & 0x3F) == Op.CONCAT:
                    fs.freeexp(v)
                    fs.code[e2.info] = set_b(fs.code[e2.info], v.info)
                    v.k = VRELOCABLE
                    v.info = e2.info
                else:
                    fs.exp2nextreg(e2)
                    fs.codearith(Op.CONCAT, v, e2)
            elif op in _ARITH:
                fs.codearith(_ARITH[op], v, e2)
            else:
                opcode, cond = _COMPARE[op]
                fs.codecomp(opcode, cond, v, e2)

    EXPR = {
        ast.Nil: expr_nil,
        ast.TrueExpr: expr_true,
        ast.FalseExpr: expr_false,
        ast.Number: expr_number,
        ast.String: expr_string,
        ast.Vararg: expr_vararg,
        ast.Name: expr_name,
        ast.Function: expr_function,
        ast.Paren: expr_paren,
        ast.Suffixed: expr_suffixed,
        ast.Table: expr_table,
        ast.UnOp: expr_unop,
        ast.BinOps: expr_binops,
    }


def generate(chunk: ast.Chunk, source: bytes, text: bytes,
             poll: Callable[[], None] | None = None) -> Proto:
    """Compile a parsed chunk to its main Proto; ``text`` is the source code, for errors."""
    gen = CodeGenerator(source, poll)
    try:
        return gen.main(chunk)
    except CodegenLimit as limit:
        raise error_at(text, source, pos_of(gen.fs.line), limit.msg) from None


def error_at(text: bytes, chunkname: bytes, pos: int, msg: str) -> LoadError:
    """A syntax error near the token whose scan begins at ``pos``, as llex.c would word it."""
    lex = Lexer(text, chunkname)
    while lex.pos < pos:
        lex.scan()
    token, _ = lex.scan()
    return lex.error(msg, token)

