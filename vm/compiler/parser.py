"""The Lua 5.1 compiler's driver (lparser.c): tokens in, prototypes out, in one pass.

Recursive descent over the 5.1 grammar with lparser.c's error texts and positions. As in
lparser.c, each rule drives the code generator (funcstate.py, lcode.c) at the very token where
lparser.c does: expressions are expression descriptors (ExpDesc) with true/false jump lists, names
are resolved (local register, upvalue, global) as they are read, and each instruction takes the
line of the last token consumed (llex.c's lastline). So registers, constants, jumps, lines and
errors (syntax errors and the code generator's limits alike, whichever comes first) are
luac5.1's.

Chains have no depth: the binary operators of one subexpr call are a loop (each right operand
is a syntax level deeper, at most 200 as in 5.1) and the suffixes of a primary expression are a
loop, so a chain of any length takes no Python recursion.
"""

from __future__ import annotations

from collections.abc import Callable

from vm.bytecode.opcodes import LFIELDS_PER_FLUSH, MAXARG_BX, MAXINDEXRK, NO_JUMP
from vm.bytecode.proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG, LocVar, Proto
from vm.chunkid import MAXSRC, chunkid
from vm.compiler.funcstate import (
    _A,
    _B,
    _C,
    LUA_MULTRET,
    OP_ADD,
    OP_CALL,
    OP_CLOSE,
    OP_CLOSURE,
    OP_DIV,
    OP_EQ,
    OP_FORLOOP,
    OP_FORPREP,
    OP_GETUPVAL,
    OP_LE,
    OP_LOADK,
    OP_LT,
    OP_MOD,
    OP_MOVE,
    OP_MUL,
    OP_NEWTABLE,
    OP_POW,
    OP_SETTABLE,
    OP_SUB,
    OP_TAILCALL,
    OP_TFORLOOP,
    OP_VARARG,
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
    newexp,
)
from vm.compiler.lexer import EOS, NAME, NUMBER, STRING, Lexer, token_text
from vm.compiler.tokens import SLOW, tokenize
from vm.errors import LoadError

LUAI_MAXCCALLS = 200
LUAI_MAXVARS = 200
LUAI_MAXUPVALUES = 60
MAX_INT = 2**31 - 1 - 2

# operator -> (left priority, right priority, opcode, cond)  (lparser.c's priority table; the
# opcode and cond of an arithmetic operator (cond -1) or a comparison, for subexpr to call
# codearith or codecomp itself; -1 for 'and', 'or' and '..', which go through infix/posfix)
BINARY_PRIORITY = {
    "+": (6, 6, OP_ADD, -1), "-": (6, 6, OP_SUB, -1), "*": (7, 7, OP_MUL, -1),
    "/": (7, 7, OP_DIV, -1), "%": (7, 7, OP_MOD, -1), "^": (10, 9, OP_POW, -1),
    "..": (5, 4, -1, -1),
    "==": (3, 3, OP_EQ, 1), "~=": (3, 3, OP_EQ, 0), "<": (3, 3, OP_LT, 1), "<=": (3, 3, OP_LE, 1),
    ">": (3, 3, OP_LT, 0), ">=": (3, 3, OP_LE, 0),
    "and": (2, 2, -1, -1), "or": (1, 1, -1, -1),
}
UNARY_PRIORITY = 8
_UNARY = frozenset(("not", "-", "#"))
_BLOCK_FOLLOW = frozenset(("else", "elseif", "end", "until", EOS))
_RAW = frozenset((NAME, STRING, NUMBER))  # tokens named by their text in messages
_C2 = 2 << 14  # CALL's C field for one result
_SUFFIX = frozenset((".", "[", ":", "(", STRING, "{"))  # what can follow a prefixexp
# Roles of the reused descriptors (Parser.descs). At one syntax level (``ccalls``) only one
# descriptor of each role is in use at a time: a statement's first expression (exprstat's
# target, localstat's and retstat's list, cond's condition) and its value list (assignment's),
# subexpr's right operand, funcargs' arguments, a constructor's pending list item and its
# record field's value. Whatever goes deeper (a sub-expression, a
# block, a function body) is at a higher level.
_STAT, _VALUES, _OPERAND, _ARGS, _ITEM, _FIELD = range(6)
_ROLES = 6
_new_locvar = object.__new__


class Parser:
    """One chunk's compilation (lparser.c's LexState). ``t``/``tv`` are the current token and
    value (``i`` the current token's index); ``lastline`` is llex.c's lastline (the line of the
    last token consumed), ``line`` is llex.c's linenumber (the line where the current token's
    scan ended). ``fs`` is the function being compiled.

    The tokens come from tokens.py, cut all at once; from the lexer one at a time (``lex``)
    when the input arrives in pieces, holds what the quick cut does not model, or from a token
    on that the lexer had to scan (SLOW). ``poll`` (if given) is called every 4,096 tokens: it
    raises to stop a long compilation (a deadline, Ctrl-C)."""

    # slots: the same fast attribute access whichever way __init__ went (an instance dict whose
    # keys came in another order than the first instance's is no longer shared, and slower)
    __slots__ = ("chunkname", "src", "toks", "lex", "kinds", "values", "conv", "marks", "n",
                 "raws", "i", "t", "ccalls", "poll", "next_poll", "slow", "stop", "fs", "descs")

    def __init__(self, source: bytes, chunkname: bytes, ccalls: int = 1,
                 lexer: Lexer | None = None, poll: Callable[[], None] | None = None) -> None:
        self.chunkname = chunkname
        self.src = source
        toks = tokenize(source) if lexer is None else None
        self.toks = toks
        if toks is None:
            self.lex: Lexer | None = lexer if lexer is not None else Lexer(source, chunkname)
            self.kinds: list[str] = []
            self.values: list[object] = []
            self.marks: list[int] = [1]
            self.conv: dict[bytes, object] = {}
        else:
            self.lex = None
            self.kinds = toks.kinds
            # a quick-cut token's text (a name's value), its value looked up in conv for a
            # string or a number (conv is emptied when the lexer takes over: from there on,
            # values holds the lexer's values)
            self.values = toks.texts
            self.conv = toks.conv
            self.marks = toks.marks  # one more than the tokens: marks[i + 1] is the line
            # where token i's scan ended
        self.n = len(self.kinds)
        self.raws: dict[int, bytes] = {}  # the lexer's text of the tokens it scanned
        self.i = -1
        self.t = EOS
        self.ccalls = ccalls
        self.poll = poll
        self.next_poll = 0 if poll is not None else 1 << 62
        # the first token the lexer must scan (none once the lexer has taken over)
        self.slow = toks.first_slow if toks is not None else 1 << 62
        self.stop = min(self.n, self.slow, self.next_poll)
        self.fs: FuncState = None  # type: ignore[assignment]
        # the descriptors that luac keeps on the C stack, one per syntax level and role, made
        # when first needed and reused: descs[level * _ROLES + role] (see _ROLES). Room for
        # the levels this chunk can reach: each level deeper starts past a token of its own,
        # so no more than its tokens (a loadstring of a line or two needs a few), all 200 when
        # the lexer scans (its tokens are not counted ahead: _all_levels)
        levels = LUAI_MAXCCALLS if toks is None else min(LUAI_MAXCCALLS, ccalls + self.n + 8)
        self.descs: list[ExpDesc | None] = [None] * ((levels + 1) * _ROLES)

    # --- token plumbing ---------------------------------------------------------------------

    def next(self) -> None:
        """luaX_next. Only the token index moves here: the value, the lines and the mark of the
        current token are read from the token lists when needed (``tv``, ``line``, ``lastline``).
        ``stop`` is the first index where more must happen: the end of the tokens cut so far,
        a token the lexer must scan (SLOW), or the next poll."""
        i = self.i + 1
        self.i = i
        if i >= self.stop:
            self._advance(i)
        self.t = self.kinds[i]

    def _advance(self, i: int) -> None:
        if self.poll is not None and i >= self.next_poll:
            self.next_poll = (i | 0xFFF) + 1
            self.poll()
        if i >= self.n:
            self._scan()
        elif self.kinds[i] is SLOW:
            self._rescan(i)
        self.stop = min(self.n, self.slow, self.next_poll)

    @property
    def tv(self) -> object:
        """The current token's value (seminfo): bytes for names and strings, a float for
        numbers."""
        v = self.values[self.i]
        return self.conv.get(v, v)  # type: ignore[call-overload]

    @property
    def lastline(self) -> int:
        """llex.c's lastline: the line of the last token consumed (where its scan ended)."""
        return self.marks[self.i]

    @property
    def line(self) -> int:
        """llex.c's linenumber: the line where the current token's scan ended."""
        return self.marks[self.i + 1]

    def lookahead(self) -> str:
        j = self.i + 1
        if j >= self.n:
            self._scan()
        t = self.kinds[j]
        return self._rescan(j) if t is SLOW else t

    def _scan(self) -> None:
        """One more token from the lexer (llex)."""
        lex = self.lex
        if lex is None:  # past the end: <eof> again
            lex = self.lex = Lexer(self.src, self.chunkname)
            lex.pos = len(self.src)
            lex.line = self.marks[-1]
            self.conv = {}
            self._all_levels()
        # marks[n] is the line where this scan begins (the end of the last token)
        self.marks[self.n] = lex.line
        t, v = lex.scan()
        self.kinds.append(t)
        self.values.append(v)
        self.marks.append(lex.line)
        if t in _RAW:
            self.raws[self.n] = lex.raw
        self.n += 1

    def _rescan(self, i: int) -> str:
        """Token i is one the lexer must scan: it raises llex.c's error, or (a long bracket
        with many '=') it scans the token, and the tokens from there on come from it."""
        lex = Lexer(self.src, self.chunkname)
        lex.pos = self.toks.pos(i)  # type: ignore[union-attr]
        lex.line = self.marks[i]
        self.lex = lex
        self._all_levels()
        self.conv = {}  # the values from here on are the lexer's (no token before i is read)
        self.slow = 1 << 62  # the tokens from here on come from the lexer
        del self.kinds[i:]
        del self.values[i:]
        del self.marks[i + 1:]
        self.n = i
        self._scan()
        return self.kinds[i]

    def _all_levels(self) -> None:
        """Room in descs for all 200 syntax levels (the lexer's tokens are not counted)."""
        full = (LUAI_MAXCCALLS + 1) * _ROLES
        if len(self.descs) < full:
            self.descs.extend([None] * (full - len(self.descs)))

    def _error(self, msg: str | bytes, token: str | None) -> LoadError:
        """luaX_lexerror: ``chunk:line: msg near 'token'`` (no ``near`` part when token is None)."""
        if self.lex is not None:  # the lexer's state is llex.c's (its reader too)
            return self.lex.error(msg, token)
        if isinstance(msg, str):
            msg = msg.encode("latin-1")
        text = chunkid(self.chunkname, MAXSRC) + b":%d: " % self.line + msg
        if token is not None:
            if token in _RAW:
                near = self._raw(self.i).split(b"\0", 1)[0]
            else:
                near = token_text(token)
            text += b" near '" + near + b"'"
        return LoadError(text, line=self.line, incomplete=token == EOS)

    def _raw(self, i: int) -> bytes:
        """llex.c's buffer for token i: a name's or number's text, a string with its quotes
        or brackets around its value (escapes resolved, a first newline dropped)."""
        raw = self.raws.get(i)
        if raw is not None or self.toks is None:
            return raw or b""
        text = self.toks.text(i)
        if self.kinds[i] is not STRING:
            return text
        if text[0] != 91:  # '['
            return text[:1] + self.conv[text] + text[:1]  # type: ignore[operator]
        level = text.index(b"[", 1) + 1
        return text[:level] + self.conv[text] + text[-level:]  # type: ignore[operator]

    def error(self, msg: str | bytes) -> LoadError:
        """luaX_syntaxerror: an error near the current token."""
        return self._error(msg, self.t)

    def error_expected(self, token: str) -> LoadError:
        return self.error(b"'" + token_text(token) + b"' expected")

    def testnext(self, c: str) -> bool:
        if self.t == c:
            i = self.i + 1  # luaX_next, inline (as in the other token tests)
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            return True
        return False

    def check(self, c: str) -> None:
        if self.t != c:
            raise self.error_expected(c)

    def checknext(self, c: str) -> None:
        if self.t != c:
            raise self.error_expected(c)
        i = self.i + 1  # luaX_next
        self.i = i
        if i >= self.stop:
            self._advance(i)
        self.t = self.kinds[i]

    def check_match(self, what: str, who: str, where: int) -> None:
        if self.t == what:
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
        else:
            if where == self.line:
                raise self.error_expected(what)
            raise self.error(b"'%s' expected (to close '%s' at line %d)"
                             % (token_text(what), token_text(who), where))

    def str_checkname(self) -> bytes:
        if self.t != NAME:
            raise self.error_expected(NAME)
        i = self.i
        name = self.values[i]
        i += 1  # luaX_next
        self.i = i
        if i >= self.stop:
            self._advance(i)
        self.t = self.kinds[i]
        return name  # type: ignore[return-value]

    def enterlevel(self) -> None:
        self.ccalls += 1
        if self.ccalls > LUAI_MAXCCALLS:
            raise self._error("chunk has too many syntax levels", None)

    def expdesc(self, role: int) -> ExpDesc:
        """This syntax level's descriptor for ``role`` (see _ROLES), as init_exp leaves it:
        VVOID, no jumps."""
        j = self.ccalls * _ROLES + role
        e = self.descs[j]
        if e is None:
            e = self.descs[j] = ExpDesc()
        e.k = VVOID
        e.info = 0
        e.t = e.f = NO_JUMP
        return e

    def errorlimit(self, fs: FuncState, limit: int, what: str) -> LoadError:
        line = fs.f.linedefined
        if line == 0:
            msg = f"main function has more than {limit} {what}"
        else:
            msg = f"function at line {line} has more than {limit} {what}"
        return self._error(msg, None)

    # --- functions and scopes ---------------------------------------------------------------

    def new_localvar(self, name: bytes, n: int) -> None:
        """new_localvar: declare the n-th of the locals being declared (200 at most)."""
        fs = self.fs
        pos = fs.nactvar + n
        if pos + 1 > LUAI_MAXVARS:
            raise self.errorlimit(fs, LUAI_MAXVARS, "local variables")
        locvars = fs.f.locvars  # registerlocalvar
        var = _new_locvar(LocVar)  # (fields set here: the dataclass's __init__ is a call more)
        var.name = name
        var.startpc = var.endpc = 0
        locvars.append(var)
        actvar = fs.actvar  # (pos is at most its length: the locals before it are declared)
        if pos == len(actvar):  # the commonest: a new deepest slot
            actvar.append(var)
        else:
            actvar[pos] = var

    def singlevar(self, name: bytes, v: ExpDesc) -> None:
        """singlevar: ``name`` (just read) as a local, an upvalue or a global."""
        fs = self.fs
        reg = fs.where.get(name)
        if reg is not None:
            v.k = VLOCAL
            v.info = reg
        else:
            v.k, v.info = fs.outer.get(name) or self._outer(fs, name)
        v.t = v.f = NO_JUMP

    def _outer(self, fs: FuncState, name: bytes) -> tuple[int, int]:
        """singlevar of a name that is not a local of fs, the first time: (VGLOBAL, its
        constant) or (VUPVAL, its upvalue), kept in fs.outer for the next times."""
        k, info = self._singlevaraux(fs.prev, name)
        if k == VGLOBAL:
            found = (VGLOBAL, fs.string_k(name))
        else:
            found = (VUPVAL, self._indexupvalue(fs, name, k, info))
        fs.outer[name] = found
        return found

    def _singlevaraux(self, fs: FuncState | None, name: bytes) -> tuple[int, int]:
        """singlevaraux for an enclosing function: (VLOCAL, register), (VUPVAL, index) or
        (VGLOBAL, -1); a local found is marked as captured."""
        if fs is None:
            return VGLOBAL, -1
        reg = fs.where.get(name)
        if reg is not None:
            fs.markupval(reg)
            return VLOCAL, reg
        k, info = self._singlevaraux(fs.prev, name)
        if k == VGLOBAL:
            return k, info
        return VUPVAL, self._indexupvalue(fs, name, k, info)

    def _indexupvalue(self, fs: FuncState, name: bytes, k: int, info: int) -> int:
        """indexupvalue: the upvalue of fs capturing (k, info), made if new (60 at most)."""
        key = (k == VLOCAL, info)
        known = fs.upindex.get(key)
        if known is not None:
            return known
        ups = fs.f.upvalues
        if len(ups) + 1 > LUAI_MAXUPVALUES:
            raise self.errorlimit(fs, LUAI_MAXUPVALUES, "upvalues")
        ups.append(name)
        fs.upvals.append(key)
        fs.upindex[key] = len(ups) - 1
        return len(ups) - 1

    def close_func(self) -> Proto:
        fs = self.fs
        fs.removevars(0)
        fs.ret(0, 0)  # final return
        f = fs.f
        lines = list(map(self.marks.__getitem__, f.lineinfo))  # token indexes -> their lastline
        fixes = iter(fs.fixes)
        for pc, line in zip(fixes, fixes, strict=True):
            lines[pc] = line
        f.lineinfo = lines  # (fs.lineinfo, the list of token indexes, is done with)
        f.nups = len(f.upvalues)
        self.fs = fs.prev  # type: ignore[assignment]
        return f

    def parse_chunk(self) -> Proto:
        """chunk -> { stat [';'] }  (the main function: vararg, no parameters)."""
        fs = FuncState(None, self.chunkname, self)
        fs.f.is_vararg = VARARG_ISVARARG
        self.fs = fs
        try:
            self.next()
            self.chunk()
            self.check(EOS)
            return self.close_func()
        except CodegenLimit as limit:  # lcode.c's luaX_syntaxerror: near the current token
            if limit.msg == "constant table overflow":  # luaM_growvector's luaG_runerror:
                raise LoadError(b"constant table overflow") from None  # no position (C runs)
            raise self.error(limit.msg) from None

    def chunk(self) -> None:
        """chunk -> { stat [';'] }"""
        self.ccalls += 1  # enterlevel
        if self.ccalls > LUAI_MAXCCALLS:
            raise self._error("chunk has too many syntax levels", None)
        fs = self.fs
        statement = self.statement
        exprstat = self.exprstat
        while self.t not in _BLOCK_FOLLOW:
            if self.t == NAME:  # the commonest statement, without statement's dispatch
                exprstat()
                islast = False
            else:
                islast = statement()
            if self.t == ";":
                self.next()
            fs.freereg = fs.nactvar  # free registers
            if islast:
                break
        self.ccalls -= 1

    def block(self) -> None:
        """block -> chunk"""
        fs = self.fs
        fs.enterblock(False)
        self.chunk()
        fs.leaveblock()

    def body(self, e: ExpDesc, needself: bool, line: int) -> None:
        """body -> '(' parlist ')' chunk END"""
        fs = FuncState(self.fs, self.chunkname, self)  # open_func
        f = fs.f
        f.linedefined = line
        self.fs = fs
        self.checknext("(")
        if needself:
            self.new_localvar(b"self", 0)
            fs.adjustlocalvars(1)
        # parlist -> [ param { ',' param } ]
        nparams = 0
        f.is_vararg = 0
        if self.t != ")":
            while True:
                if self.t == NAME:
                    self.new_localvar(self.str_checkname(), nparams)
                    nparams += 1
                elif self.t == "...":
                    self.next()
                    self.new_localvar(b"arg", nparams)
                    nparams += 1
                    f.is_vararg = VARARG_HASARG | VARARG_NEEDSARG | VARARG_ISVARARG
                else:
                    raise self.error("<name> or '...' expected")
                if f.is_vararg or not self.testnext(","):
                    break
        fs.adjustlocalvars(nparams)
        f.numparams = fs.nactvar - (f.is_vararg & VARARG_HASARG)
        fs.reserveregs(fs.nactvar)
        self.checknext(")")
        self.chunk()
        f.lastlinedefined = self.marks[self.i + 1]
        self.check_match("end", "function", line)
        self.close_func()
        # pushclosure
        outer = self.fs
        protos = outer.f.protos
        protos.append(f)
        if len(protos) > MAXARG_BX + 1:
            raise CodegenLimit("constant table overflow")
        e.k = VRELOCABLE
        e.info = outer.code_abx(OP_CLOSURE, 0, len(protos) - 1)
        e.t = e.f = NO_JUMP
        for from_local, index in fs.upvals:
            outer.code_abc(OP_MOVE if from_local else OP_GETUPVAL, 0, index, 0)

    # --- statements -------------------------------------------------------------------------

    def statement(self) -> bool:
        """stat -> ifstat | whilestat | DO block END | forstat | repeatstat | funcstat |
        localstat | retstat | breakstat | exprstat   (True: a statement that must be last)"""
        t = self.t
        if t == NAME or t == "(":
            self.exprstat()
            return False
        if t == "local":
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            if self.t == "function":
                self.next()
                self.localfunc()
            else:
                self.localstat()
            return False
        line = self.marks[self.i + 1]  # the line where the statement's first token ends
        if t == "if":
            self.ifstat(line)
            return False
        if t == "return":
            self.next()
            self.retstat()
            return True
        if t == "function":
            self.funcstat(line)
            return False
        if t == "for":
            self.forstat(line)
            return False
        if t == "while":
            self.whilestat(line)
            return False
        if t == "do":
            self.next()
            self.block()
            self.check_match("end", "do", line)
            return False
        if t == "repeat":
            self.repeatstat(line)
            return False
        if t == "break":
            self.next()
            self.breakstat()
            return True
        self.exprstat()
        return False

    def cond(self) -> int:
        """cond -> exp  (the jump list taken when it is false)"""
        v = self.expdesc(_STAT)
        self.subexpr(v, 0)
        if v.k == VNIL:
            v.k = VFALSE  # 'falses' are all equal here
        self.fs.goiftrue(v)
        return v.f

    def test_then_block(self) -> int:
        """test_then_block -> [IF | ELSEIF] cond THEN block"""
        self.next()  # skip IF or ELSEIF
        condexit = self.cond()
        self.checknext("then")
        self.block()
        return condexit

    def ifstat(self, line: int) -> None:
        """ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END"""
        fs = self.fs
        escapelist = NO_JUMP
        flist = self.test_then_block()
        while self.t == "elseif":
            escapelist = fs.concat(escapelist, fs.jump())
            fs.patchtohere(flist)
            flist = self.test_then_block()
        if self.t == "else":
            escapelist = fs.concat(escapelist, fs.jump())
            fs.patchtohere(flist)
            self.next()
            self.block()
        else:
            escapelist = fs.concat(escapelist, flist)
        fs.patchtohere(escapelist)
        self.check_match("end", "if", line)

    def whilestat(self, line: int) -> None:
        """whilestat -> WHILE cond DO block END"""
        fs = self.fs
        self.next()
        whileinit = fs.getlabel()
        condexit = self.cond()
        fs.enterblock(True)
        self.checknext("do")
        self.block()
        fs.patchlist(fs.jump(), whileinit)
        self.check_match("end", "while", line)
        fs.leaveblock()
        fs.patchtohere(condexit)  # false conditions finish the loop

    def repeatstat(self, line: int) -> None:
        """repeatstat -> REPEAT block UNTIL cond"""
        fs = self.fs
        repeat_init = fs.getlabel()
        bl1 = fs.enterblock(True)  # loop block
        bl2 = fs.enterblock(False)  # scope block
        self.next()
        self.chunk()
        self.check_match("until", "repeat", line)
        condexit = self.cond()  # read condition (inside scope block)
        if not bl2.upval:  # no upvalues?
            fs.leaveblock()
            fs.patchlist(condexit, repeat_init)  # close the loop
        else:  # complete semantics when there are upvalues
            self.breakstat()  # if condition then break
            fs.patchtohere(condexit)  # else...
            fs.leaveblock()  # finish scope...
            fs.patchlist(fs.jump(), repeat_init)  # and repeat
        fs.leaveblock()
        del bl1

    def breakstat(self) -> None:
        """breakstat -> BREAK"""
        fs = self.fs
        bl = fs.bl
        upval = False
        while bl is not None and not bl.isbreakable:
            upval = upval or bl.upval
            bl = bl.previous
        if bl is None:
            raise self.error("no loop to break")
        if upval:
            fs.code_abc(OP_CLOSE, bl.nactvar, 0, 0)
        bl.breaklist = fs.concat(bl.breaklist, fs.jump())

    def exp1(self) -> None:
        v = newexp()
        self.subexpr(v, 0)
        self.fs.exp2nextreg(v)

    def forbody(self, base: int, line: int, nvars: int, isnum: bool) -> None:
        """forbody -> DO block"""
        fs = self.fs
        fs.adjustlocalvars(3)  # control variables
        self.checknext("do")
        prep = fs.code_asbx(OP_FORPREP, base, NO_JUMP) if isnum else fs.jump()
        fs.enterblock(False)  # scope for declared variables
        fs.adjustlocalvars(nvars)
        fs.reserveregs(nvars)
        self.block()
        fs.leaveblock()  # end of scope for declared variables
        fs.patchtohere(prep)
        if isnum:
            endfor = fs.code_asbx(OP_FORLOOP, base, NO_JUMP)
        else:
            endfor = fs.code_abc(OP_TFORLOOP, base, 0, nvars)
        fs.fixline(line)  # pretend that 'OP_FOR' starts the loop
        fs.patchlist(endfor if isnum else fs.jump(), prep + 1)

    def fornum(self, varname: bytes, line: int) -> None:
        """fornum -> NAME = exp1,exp1[,exp1] forbody"""
        fs = self.fs
        base = fs.freereg
        self.new_localvar(b"(for index)", 0)
        self.new_localvar(b"(for limit)", 1)
        self.new_localvar(b"(for step)", 2)
        self.new_localvar(varname, 3)
        self.checknext("=")
        self.exp1()  # initial value
        self.checknext(",")
        self.exp1()  # limit
        if self.testnext(","):
            self.exp1()  # optional step
        else:  # default step = 1
            fs.code_abx(OP_LOADK, fs.freereg, fs.number_k(1.0))
            fs.reserveregs(1)
        self.forbody(base, line, 1, True)

    def forlist(self, indexname: bytes) -> None:
        """forlist -> NAME {,NAME} IN explist1 forbody"""
        fs = self.fs
        base = fs.freereg
        self.new_localvar(b"(for generator)", 0)
        self.new_localvar(b"(for state)", 1)
        self.new_localvar(b"(for control)", 2)
        self.new_localvar(indexname, 3)
        nvars = 4
        while self.testnext(","):
            self.new_localvar(self.str_checkname(), nvars)
            nvars += 1
        self.checknext("in")
        line = self.marks[self.i + 1]
        e = newexp()
        self.adjust_assign(3, self.explist1(e), e)
        fs.checkstack(3)  # extra space to call generator
        self.forbody(base, line, nvars - 3, False)

    def forstat(self, line: int) -> None:
        """forstat -> FOR (fornum | forlist) END"""
        fs = self.fs
        fs.enterblock(True)  # scope for loop and control variables
        self.next()  # skip 'for'
        varname = self.str_checkname()  # first variable name
        t = self.t
        if t == "=":
            self.fornum(varname, line)
        elif t == "," or t == "in":
            self.forlist(varname)
        else:
            raise self.error("'=' or 'in' expected")
        self.check_match("end", "for", line)
        fs.leaveblock()  # loop scope ('break' jumps to this point)

    def funcstat(self, line: int) -> None:
        """funcstat -> FUNCTION funcname body;  funcname -> NAME {field} [':' NAME]"""
        self.next()  # skip FUNCTION
        v = newexp()
        self.singlevar(self.str_checkname(), v)
        needself = False
        while self.t == ".":
            self.field(v)
        if self.t == ":":
            needself = True
            self.field(v)
        b = newexp()
        self.body(b, needself, line)
        fs = self.fs
        fs.storevar(v, b)
        fs.fixline(line)  # definition 'happens' in the first line

    def localfunc(self) -> None:
        """localfunc -> LOCAL FUNCTION NAME body"""
        fs = self.fs
        self.new_localvar(self.str_checkname(), 0)
        v = newexp(VLOCAL, fs.freereg)
        fs.reserveregs(1)
        fs.adjustlocalvars(1)
        b = newexp()
        self.body(b, False, self.marks[self.i + 1])
        fs.storevar(v, b)
        # debug information will only see the variable after this point!
        fs.actvar[fs.nactvar - 1].startpc = len(fs.code)

    def localstat(self) -> None:
        """localstat -> LOCAL NAME {',' NAME} ['=' explist1]"""
        nvars = 0
        while True:
            self.new_localvar(self.str_checkname(), nvars)
            nvars += 1
            if self.t != ",":
                break
            self.next()
        e = self.expdesc(_STAT)
        if self.t == "=":  # testnext, inline
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            nexps = self.explist1(e)
            if nexps == nvars and e.k != VCALL and e.k != VVARARG:  # adjust_assign's
                self.fs.exp2nextreg(e)  # commonest case: close the last expression
            else:
                self.adjust_assign(nvars, nexps, e)
        else:
            self.adjust_assign(nvars, 0, e)  # (e is VVOID)
        self.fs.adjustlocalvars(nvars)

    def exprstat(self) -> None:
        """exprstat -> func | assignment"""
        fs = self.fs
        j = self.ccalls * _ROLES + _STAT
        v = self.descs[j]
        if v is None:
            v = self.descs[j] = ExpDesc()
        v.t = v.f = NO_JUMP
        if self.t == NAME:  # primaryexp's commonest start, inline: a local, or singlevar
            i = self.i
            name = self.values[i]
            i += 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            reg = fs.where.get(name)
            if reg is not None:
                v.k = VLOCAL
                v.info = reg
            else:
                self.singlevar(name, v)  # type: ignore[arg-type]
            if self.t in _SUFFIX:
                self.suffixes(v)
        else:
            v.k = VVOID
            v.info = 0
            self.primaryexp(v)
        if v.k == VCALL:  # stat -> func
            code = fs.code
            code[v.info] = (code[v.info] & 0xFF803FFF) + (1 << 14)  # C = 1: the call statement
            # uses no results
        else:  # stat -> assignment
            self.assignment(v)

    def assignment(self, first: ExpDesc) -> None:
        """assignment -> ',' primaryexp assignment | '=' explist1   (lparser.c recurses once
        per target; the targets are a list here, stored in the same reverse order)"""
        fs = self.fs
        if self.t == "=" and VLOCAL <= first.k <= VINDEXED:  # one target (the commonest)
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            j = self.ccalls * _ROLES + _VALUES
            e = self.descs[j]
            if e is None:
                e = self.descs[j] = ExpDesc()
            e.k = VVOID
            e.info = 0
            e.t = e.f = NO_JUMP
            nexps = self.explist1(e)
            if nexps == 1:
                if e.k >= VCALL:  # (VCALL or VVARARG: the kinds setoneret changes)
                    fs.setoneret(e)  # close last expression
                fs.storevar(first, e)
            else:
                self.adjust_assign(1, nexps, e)
                fs.freereg -= nexps - 1  # remove extra values
                fs.storevar(first, newexp(VNONRELOC, fs.freereg - 1))
            return
        lhs = [first]
        v = first
        nvars = 1
        while True:
            if not VLOCAL <= v.k <= VINDEXED:
                raise self.error("syntax error")
            if self.t != ",":
                break
            self.next()
            v = newexp()
            self.primaryexp(v)
            if v.k == VLOCAL:
                self.check_conflict(lhs, v)
            if nvars > LUAI_MAXCCALLS - self.ccalls:
                raise self.errorlimit(fs, LUAI_MAXCCALLS - self.ccalls, "variables in assignment")
            nvars += 1
            lhs.append(v)
        self.checknext("=")
        e = newexp()
        nexps = self.explist1(e)
        if nexps != nvars:
            self.adjust_assign(nvars, nexps, e)
            if nexps > nvars:
                fs.freereg -= nexps - nvars  # remove extra values
        else:
            fs.setoneret(e)  # close last expression
            fs.storevar(lhs.pop(), e)
        for v in reversed(lhs):  # default assignment
            fs.storevar(v, newexp(VNONRELOC, fs.freereg - 1))

    def check_conflict(self, lhs: list[ExpDesc], v: ExpDesc) -> None:
        """A local assigned after a table indexed by it: copy it so the table store sees the old
        value."""
        fs = self.fs
        extra = fs.freereg  # eventual position to save local variable
        conflict = False
        for lh in reversed(lhs):
            if lh.k == VINDEXED:
                if lh.info == v.info:  # conflict?
                    conflict = True
                    lh.info = extra  # previous assignment will use safe copy
                if lh.aux == v.info:  # conflict?
                    conflict = True
                    lh.aux = extra  # previous assignment will use safe copy
        if conflict:
            fs.code_abc(OP_MOVE, fs.freereg, v.info, 0)  # make copy
            fs.reserveregs(1)

    def retstat(self) -> None:
        """retstat -> RETURN [explist1]"""
        fs = self.fs
        if self.t in _BLOCK_FOLLOW or self.t == ";":
            first = nret = 0  # return no values
        else:
            e = self.expdesc(_STAT)
            nret = self.explist1(e)
            if e.k == VCALL or e.k == VVARARG:
                fs.setmultret(e)
                if e.k == VCALL and nret == 1:  # tail call?
                    fs.code[e.info] = (fs.code[e.info] & ~0x3F) | OP_TAILCALL
                first = fs.nactvar
                nret = LUA_MULTRET  # return all values
            elif nret == 1:  # only one single value?
                first = fs.exp2anyreg(e)
            else:
                fs.exp2nextreg(e)  # values must go to the 'stack'
                first = fs.nactvar  # return all 'active' values
        fs.ret(first, nret)

    # --- expressions ------------------------------------------------------------------------

    def explist1(self, v: ExpDesc) -> int:
        """explist1 -> expr { ',' expr }; the last expression is left open in v."""
        n = 1
        self.subexpr(v, 0)
        while self.t == ",":
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            self.fs.exp2nextreg(v)
            self.subexpr(v, 0)
            n += 1
        return n

    def adjust_assign(self, nvars: int, nexps: int, e: ExpDesc) -> None:
        fs = self.fs
        extra = nvars - nexps
        if e.k == VCALL or e.k == VVARARG:
            extra += 1  # includes call itself
            if extra < 0:
                extra = 0
            fs.setreturns(e, extra)  # last exp. provides the difference
            if extra > 1:
                fs.reserveregs(extra - 1)
        else:
            if e.k != VVOID:  # at least one expression?
                fs.exp2nextreg(e)  # close last expression
            if extra > 0:
                reg = fs.freereg
                fs.reserveregs(extra)
                fs.nil(reg, extra)

    def field(self, v: ExpDesc) -> None:
        """field -> ['.' | ':'] NAME"""
        fs = self.fs
        fs.exp2anyreg(v)
        i = self.i + 1  # luaX_next: skip the dot or colon
        self.i = i
        if i >= self.stop:
            self._advance(i)
        if self.kinds[i] != NAME:  # checkname
            self.t = self.kinds[i]
            raise self.error_expected(NAME)
        name = self.values[i]
        i += 1  # luaX_next
        self.i = i
        if i >= self.stop:
            self._advance(i)
        self.t = self.kinds[i]
        key = fs.kcache.get(name)  # string_k
        if key is None:
            key = fs.string_k(name)  # type: ignore[arg-type]
        if key <= MAXINDEXRK:  # luaK_indexed of a constant that fits an RK operand
            v.aux = key | 256
            v.k = VINDEXED
        else:
            fs.indexed(v, newexp(VK, key))

    def yindex(self, v: ExpDesc) -> None:
        """index -> '[' expr ']'"""
        self.next()  # skip the '['
        self.subexpr(v, 0)
        self.fs.exp2val(v)
        self.checknext("]")

    def constructor(self, t: ExpDesc) -> None:
        """constructor -> '{' [ field { fieldsep field } [fieldsep] ] '}'"""
        fs = self.fs
        line = self.marks[self.i + 1]
        # NEWTABLE, and exp2nextreg: fix it at stack top (for gc); both inline
        if fs.jpc != NO_JUMP:
            fs.dischargejpc()
        code = fs.code
        reg = fs.freereg
        code.append(OP_NEWTABLE + _A[reg])
        fs.lineinfo.append(self.i)
        pc = len(code) - 1
        if reg >= fs.f.maxstacksize:
            fs.grow(reg + 1)
        fs.freereg = reg + 1
        t.k = VNONRELOC
        t.info = reg
        t.t = t.f = NO_JUMP
        i = self.i + 1  # luaX_next: past the '{' (the caller saw it)
        self.i = i
        if i >= self.stop:
            self._advance(i)
        self.t = self.kinds[i]
        na = nh = tostore = 0
        v = self.expdesc(_ITEM)  # the pending list item
        lineinfo = fs.lineinfo
        kinds = self.kinds
        while self.t != "}":
            if v.k != VVOID:  # closelistfield
                fs.exp2nextreg(v)
                v.k = VVOID
                if tostore == LFIELDS_PER_FLUSH:
                    fs.setlist(t.info, na, tostore)  # flush
                    tostore = 0
            tok = self.t
            j = self.i + 1
            if ((tok == NUMBER or tok == STRING) and j + 1 < self.stop and self.ccalls < LUAI_MAXCCALLS
                    and (kinds[j] == "," or kinds[j] == ";") and kinds[j + 1] != "}"):
                # a run of lone numbers and strings, each followed by a separator and another
                # item (a data table): each item read, its separator taken and closelistfield's
                # LOADK emitted with the next item's first token current, as the general path
                # does. The token index is kept in i, stored where it is read: at a flush, an
                # error, the run's end. (The level and stop are the same all along the run.)
                values = self.values
                conv = self.conv
                stop = self.stop
                nkcache = fs.nkcache
                f = fs.f
                i = self.i
                while True:
                    value = values[i]
                    value = conv.get(value, value)
                    if tok == STRING:
                        kidx = fs.string_k(value)  # type: ignore[arg-type]
                    na += 1
                    tostore += 1
                    i += 2  # luaX_next twice (both before stop: cut, not SLOW, no poll due)
                    reg = fs.freereg  # reserveregs(1)
                    if reg >= f.maxstacksize:
                        self.i = i  # (where "function or expression too complex" is reported)
                        self.t = kinds[i]
                        fs.grow(reg + 1)
                    fs.freereg = reg + 1
                    if tok == NUMBER:
                        kidx = nkcache.get(value)  # number_k
                        if kidx is None:
                            kidx = fs.number_k(value)  # type: ignore[arg-type]
                    if fs.jpc != NO_JUMP:  # luaK_code, inline
                        fs.dischargejpc()
                    code.append(OP_LOADK + _A[reg] + (kidx << 14))
                    lineinfo.append(i)
                    if tostore == LFIELDS_PER_FLUSH:
                        self.i = i  # (SETLIST's line)
                        self.t = kinds[i]
                        fs.setlist(t.info, na, tostore)  # flush
                        tostore = 0
                    tok = kinds[i]
                    j = i + 1
                    if not ((tok == NUMBER or tok == STRING) and j + 1 < stop
                            and (kinds[j] == "," or kinds[j] == ";") and kinds[j + 1] != "}"):
                        break
                self.i = i
                self.t = tok
                continue
            if ((tok == NUMBER or tok == STRING) and j < self.stop
                    and kinds[j] not in BINARY_PRIORITY and self.ccalls < LUAI_MAXCCALLS):
                # listfield of a lone number or string (data tables), subexpr's work inline:
                # the level check, simpleexp's constant, luaX_next, no operator after it
                value = self.values[j - 1]
                value = self.conv.get(value, value)
                if tok == NUMBER:
                    v.k = VKNUM
                    v.info = 0
                    v.nval = value  # type: ignore[assignment]
                else:
                    v.k = VK
                    v.info = fs.string_k(value)  # type: ignore[arg-type]
                v.t = v.f = NO_JUMP
                self.i = j  # luaX_next (j is before stop: cut, not SLOW, no poll due)
                self.t = kinds[j]
                na += 1
                tostore += 1
            else:
                if tok == NAME:  # lookahead, inline while the next token is cut and not SLOW
                    ahead = self.kinds[j] if j < self.n else SLOW
                    if ahead is SLOW:
                        ahead = self.lookahead()
                if tok == NAME and ahead != "=" or tok != NAME and tok != "[":
                    self.subexpr(v, 0)  # listfield
                    na += 1
                    tostore += 1
                else:  # recfield -> (NAME | '[' exp1 ']') = exp1
                    reg = fs.freereg
                    if tok == NAME:  # a constant key: a descriptor only when it does not fit RK
                        name = self.values[self.i]
                        k = fs.kcache.get(name)  # string_k
                        if k is None:
                            k = fs.string_k(name)  # type: ignore[arg-type]
                        nh += 1
                        i = self.i + 1  # luaX_next: the '=' (the lookahead saw it)
                        self.i = i
                        if i >= self.stop:
                            self._advance(i)
                        i += 1  # luaX_next
                        self.i = i
                        if i >= self.stop:
                            self._advance(i)
                        self.t = self.kinds[i]
                        rkkey = k | 256 if k <= MAXINDEXRK else fs.exp2rk(newexp(VK, k))
                    else:
                        key = newexp()
                        self.yindex(key)
                        nh += 1
                        self.checknext("=")
                        rkkey = fs.exp2rk(key)
                    val = self.expdesc(_FIELD)
                    self.subexpr(val, 0)
                    rkval = fs.exp2rk(val)
                    if fs.jpc != NO_JUMP:  # luaK_codeABC, inline
                        fs.dischargejpc()
                    fs.code.append(OP_SETTABLE + _A[t.info] + _B[rkkey] + _C[rkval])
                    fs.lineinfo.append(self.i)
                    fs.freereg = reg  # free registers
            if self.t == "," or self.t == ";":
                i = self.i + 1  # luaX_next
                self.i = i
                if i >= self.stop:
                    self._advance(i)
                self.t = self.kinds[i]
            else:
                break
        if self.t == "}":  # check_match, inline when it matches
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
        else:
            self.check_match("}", "{", line)
        if tostore:  # lastlistfield
            if v.k == VCALL or v.k == VVARARG:
                fs.setmultret(v)
                fs.setlist(t.info, na, LUA_MULTRET)
                na -= 1  # do not count last expression (unknown number of elements)
            else:
                if v.k != VVOID:
                    fs.exp2nextreg(v)
                fs.setlist(t.info, na, tostore)
        # NEWTABLE's B and C (0 until here): the sizes as 'floating point bytes'
        code[pc] += ((na if na < 8 else int2fb(na)) << 23) + ((nh if nh < 8 else int2fb(nh)) << 14)

    def funcargs(self, f: ExpDesc) -> None:
        """funcargs -> '(' [ explist1 ] ')' | constructor | STRING"""
        fs = self.fs
        line = self.marks[self.i + 1]
        t = self.t
        j = self.ccalls * _ROLES + _ARGS  # args = self.expdesc(_ARGS), inline
        args = self.descs[j]
        if args is None:
            args = self.descs[j] = ExpDesc()
        args.k = VVOID
        args.info = 0
        args.t = args.f = NO_JUMP
        if t == "(":
            if line != self.marks[self.i]:
                raise self.error("ambiguous syntax (function call x new statement)")
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            if self.t != ")":  # (an empty list leaves args VVOID)
                self.explist1(args)
                if args.k == VCALL or args.k == VVARARG:
                    fs.setmultret(args)
            if self.t == ")":  # check_match, inline when it matches
                i = self.i + 1  # luaX_next
                self.i = i
                if i >= self.stop:
                    self._advance(i)
                self.t = self.kinds[i]
            else:
                self.check_match(")", "(", line)
        elif t == "{":
            self.constructor(args)
        elif t == STRING:
            args.k = VK
            v = self.values[self.i]
            args.info = fs.string_k(self.conv.get(v, v))  # type: ignore[arg-type]
            self.next()  # must use 'seminfo' before 'next'
        else:
            raise self.error("function arguments expected")
        base = f.info  # base register for call
        if args.k == VCALL or args.k == VVARARG:
            nparams = LUA_MULTRET  # open call
        else:
            if args.k != VVOID:
                fs.exp2nextreg(args)  # close last argument
            nparams = fs.freereg - (base + 1)
        f.k = VCALL
        if fs.jpc != NO_JUMP:  # luaK_codeABC, inline (a call in two statements in three)
            fs.dischargejpc()
        code = fs.code
        code.append(OP_CALL + _A[base] + _B[nparams + 1] + _C2)
        fs.lineinfo.append(self.i)
        f.info = pc = len(code) - 1
        f.t = f.f = NO_JUMP
        fixes = fs.fixes  # luaK_fixline
        fixes.append(pc)
        fixes.append(line)
        fs.freereg = base + 1  # call remove function and arguments and leaves (unless changed)
        # one result

    def primaryexp(self, v: ExpDesc) -> None:
        """primaryexp -> prefixexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }
        prefixexp -> NAME | '(' expr ')'"""
        t = self.t
        if t == NAME:
            name = self.values[self.i]
            self.next()
            self.singlevar(name, v)  # type: ignore[arg-type]
        elif t == "(":
            line = self.marks[self.i + 1]
            self.next()
            self.subexpr(v, 0)
            self.check_match(")", "(", line)
            self.fs.dischargevars(v)
        else:
            raise self.error("unexpected symbol")
        if self.t in _SUFFIX:
            self.suffixes(v)

    def suffixes(self, v: ExpDesc) -> None:
        """primaryexp's loop: { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }"""
        fs = self.fs
        while True:
            t = self.t
            if t == ".":
                self.field(v)
            elif t == "[":
                fs.exp2anyreg(v)
                key = newexp()
                self.yindex(key)
                fs.indexed(v, key)
            elif t == ":":
                self.next()
                key = fs.string_k(self.str_checkname())
                if key <= MAXINDEXRK:
                    fs.self_k(v, key | 256)
                else:
                    fs.self_(v, newexp(VK, key))
                self.funcargs(v)
            elif t == "(" or t == STRING or t == "{":
                fs.exp2nextreg(v)
                self.funcargs(v)
            else:
                return

    def simpleexp(self, v: ExpDesc) -> None:
        """simpleexp -> NUMBER | STRING | NIL | true | false | ... | constructor |
        FUNCTION body | primaryexp"""
        t = self.t
        if t == NUMBER:
            v.k = VKNUM
            v.info = 0
            nval = self.values[self.i]
            v.nval = self.conv.get(nval, nval)  # type: ignore[assignment]
        elif t == STRING:
            v.k = VK
            s = self.values[self.i]
            v.info = self.fs.string_k(self.conv.get(s, s))  # type: ignore[arg-type]
        elif t == "nil":
            v.k = VNIL
        elif t == "true":
            v.k = VTRUE
        elif t == "false":
            v.k = VFALSE
        elif t == "...":  # vararg
            fs = self.fs
            f = fs.f
            if not f.is_vararg:
                raise self.error("cannot use '...' outside a vararg function")
            f.is_vararg &= ~VARARG_NEEDSARG  # don't need 'arg'
            v.k = VVARARG
            v.info = fs.code_abc(OP_VARARG, 0, 1, 0)
        elif t == "{":  # constructor
            self.constructor(v)
            return
        elif t == "function":
            self.next()
            self.body(v, False, self.marks[self.i + 1])
            return
        else:
            self.primaryexp(v)
            return
        v.t = v.f = NO_JUMP
        self.next()

    def subexpr(self, v: ExpDesc, limit: int) -> str:
        """subexpr -> (simpleexp | unop subexpr) { binop subexpr }, for binops above limit;
        returns the first operator not taken.

        The loop takes a left-associative chain of any length without recursion; each right
        operand is a syntax level deeper, as in 5.1. (The commonest operands, a name and a
        number, are read here, without the calls of simpleexp and primaryexp.) The level is
        checked on entry, as enterlevel does, but stored in ``ccalls`` only around the calls
        that go deeper: an operand that is a lone name, number or string stores nothing."""
        c = self.ccalls + 1  # enterlevel
        if c > LUAI_MAXCCALLS:
            raise self._error("chunk has too many syntax levels", None)
        t = self.t
        if t == NAME:  # primaryexp -> NAME (singlevar) ...
            i = self.i
            name = self.values[i]
            i += 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            op = self.t = self.kinds[i]
            fs = self.fs
            reg = fs.where.get(name)
            if reg is not None:
                v.k = VLOCAL
                v.info = reg
                v.t = v.f = NO_JUMP
            else:  # singlevar, past its local lookup
                v.k, v.info = fs.outer.get(name) or self._outer(fs, name)  # type: ignore
                v.t = v.f = NO_JUMP
            if op in _SUFFIX:
                self.ccalls = c
                self.suffixes(v)
                self.ccalls = c - 1
                op = self.t
        elif t == NUMBER:
            i = self.i
            v.k = VKNUM
            v.info = 0
            nval = self.values[i]
            v.nval = self.conv.get(nval, nval)  # type: ignore[assignment]
            v.t = v.f = NO_JUMP
            i += 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            op = self.t = self.kinds[i]
        elif t == STRING:
            i = self.i
            s = self.values[i]
            v.k = VK
            v.info = self.fs.string_k(self.conv.get(s, s))  # type: ignore[arg-type]
            v.t = v.f = NO_JUMP
            i += 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            op = self.t = self.kinds[i]
        else:
            self.ccalls = c
            if t in _UNARY:
                self.next()
                self.subexpr(v, UNARY_PRIORITY)
                self.fs.prefix(t, v)
            else:
                self.simpleexp(v)
            self.ccalls = c - 1
            op = self.t
        if op not in BINARY_PRIORITY:  # (no call, for the commonest answer)
            return op
        prio = BINARY_PRIORITY[op]
        if prio[0] <= limit:
            return op
        # the right operands' descriptor: one per level, reused (the levels nest, and an
        # operand is done with once posfix has folded it into v)
        j = c * _ROLES + _OPERAND
        v2 = self.descs[j]
        if v2 is None:
            v2 = self.descs[j] = ExpDesc()
        self.ccalls = c
        fs = self.fs
        while True:
            v2.k = VVOID
            v2.info = 0
            v2.t = v2.f = NO_JUMP
            i = self.i + 1  # luaX_next
            self.i = i
            if i >= self.stop:
                self._advance(i)
            self.t = self.kinds[i]
            _, right, opcode, cond = prio
            if opcode < 0:  # and, or, ..
                fs.infix(op, v)
                op2 = op
                op = self.subexpr(v2, right)  # read sub-expression with higher priority
                fs.posfix(op2, v, v2)
            else:  # luaK_infix and luaK_posfix of an arithmetic operator or a comparison
                k = v.k
                if v.t != v.f:
                    fs.exp2rk(v)
                elif k == VLOCAL:  # exp2rk of a local, or of a value in a register: in place
                    v.k = VNONRELOC
                elif k != VNONRELOC and (k != VKNUM or cond >= 0):  # (a number is folded
                    fs.exp2rk(v)  # later, if it can be, when arithmetic's left operand)
                op = self.subexpr(v2, right)
                if cond < 0:
                    fs.codearith(opcode, v, v2)
                else:
                    fs.codecomp(opcode, cond, v, v2)
            if op not in BINARY_PRIORITY:
                break
            prio = BINARY_PRIORITY[op]
            if prio[0] <= limit:
                break
        self.ccalls = c - 1
        return op

    def expr(self, v: ExpDesc) -> None:
        """expr -> subexpr"""
        self.subexpr(v, 0)


def parse(source: bytes, chunkname: bytes) -> Proto:
    """Compile a chunk of Lua 5.1 source; raise LoadError with Lua's message on a syntax error."""
    return Parser(source, chunkname).parse_chunk()
