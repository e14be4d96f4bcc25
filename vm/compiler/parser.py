"""The Lua 5.1 parser (lparser.c's grammar): tokens to an AST with resolved names.

Recursive descent over the 5.1 grammar with lparser.c's error texts and positions. Name
resolution (local register, upvalue, global) and the checks that lparser.c makes while it
parses (200 locals, 60 upvalues, nesting levels, ``...`` outside a vararg function, ``break``
outside a loop) happen here, in the same order, so the errors read the same.
"""

from __future__ import annotations

from collections.abc import Callable

from vm.bytecode.proto import VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG
from vm.chunkid import MAXSRC, chunkid
from vm.compiler import ast
from vm.compiler.ast import LINE_MASK
from vm.compiler.lexer import EOS, NAME, NUMBER, STRING, Lexer, token_text
from vm.compiler.tokens import SLOW, tokenize
from vm.errors import LoadError

LUAI_MAXCCALLS = 200
LUAI_MAXVARS = 200
LUAI_MAXUPVALUES = 60
MAX_INT = 2**31 - 1 - 2

# operator -> (left priority, right priority)  (lparser.c's priority table)
BINARY_PRIORITY = {
    "+": (6, 6), "-": (6, 6), "*": (7, 7), "/": (7, 7), "%": (7, 7),
    "^": (10, 9), "..": (5, 4),
    "==": (3, 3), "~=": (3, 3), "<": (3, 3), "<=": (3, 3), ">": (3, 3), ">=": (3, 3),
    "and": (2, 2), "or": (1, 1),
}
UNARY_PRIORITY = 8
_UNARY = frozenset(("not", "-", "#"))
_BLOCK_FOLLOW = frozenset(("else", "elseif", "end", "until", EOS))
_RAW = frozenset((NAME, STRING, NUMBER))  # tokens named by their text in messages


class _BlockScope:
    """lparser.c's BlockCnt, as far as the parser needs it."""

    __slots__ = ("nactvar", "upval", "breakable", "previous")

    def __init__(self, nactvar: int, breakable: bool, previous: _BlockScope | None) -> None:
        self.nactvar = nactvar
        self.upval = False
        self.breakable = breakable
        self.previous = previous


class _FuncScope:
    """The parser's view of one function being parsed: active locals, blocks, upvalues."""

    __slots__ = ("prev", "actvar", "where", "block", "upvalues", "upindex", "is_vararg",
                 "linedefined")

    def __init__(self, prev: _FuncScope | None, linedefined: int) -> None:
        self.prev = prev
        self.actvar: list[bytes] = []
        self.where: dict[bytes, list[int]] = {}  # name -> its active registers, innermost last
        self.block: _BlockScope | None = None
        self.upvalues: list[ast.Upvalue] = []
        self.upindex: dict[tuple[bool, int], int] = {}  # (from_local, index) -> upvalue
        self.is_vararg = 0
        self.linedefined = linedefined


class Parser:
    """One chunk's parse. ``t``/``tv`` are the current token and value; ``last`` is the mark
    (see ast.py) of llex.c's lastline, the line of the last token consumed, with where the scan
    of the current token began; ``line`` is llex.c's linenumber, the line where the current
    token's scan ended.

    The tokens come from tokens.py, cut all at once; from the lexer one at a time (``lex``)
    when the input arrives in pieces, holds what the quick cut does not model, or from a token
    on that the lexer had to scan (SLOW). ``poll`` (if given) is called every 4,096 tokens: it
    raises to stop a long compilation (a deadline, Ctrl-C)."""

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
        else:
            self.lex = None
            self.kinds = toks.kinds
            self.values = toks.values
            self.marks = toks.marks  # one more than the tokens: marks[i + 1] & LINE_MASK is
            # the line where token i's scan ended
        self.n = len(self.kinds)
        self.raws: dict[int, bytes] = {}  # the lexer's text of the tokens it scanned
        self.i = -1
        self.t = EOS
        self.tv: object = None
        self.last = 1  # ast.mark(lastline, tokpos)
        self.line = 1
        self.ccalls = ccalls
        self.poll = poll
        self.fs: _FuncScope | None = None

    # --- token plumbing ---------------------------------------------------------------------

    def next(self) -> None:
        """luaX_next."""
        i = self.i + 1
        if i >= self.n:
            self._scan()
        self.i = i
        t = self.kinds[i]
        if t is SLOW:
            t = self._rescan(i)
        self.t = t
        self.tv = self.values[i]
        marks = self.marks
        self.last = marks[i]
        self.line = marks[i + 1] & 0xFFFFFFFF
        if not i & 0xFFF and self.poll is not None:
            self.poll()

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
            lex.line = self.marks[-1] & LINE_MASK
        # marks[n] is where this scan begins (the end of the last token), its line too
        self.marks[self.n] = lex.line | lex.pos << 32
        t, v = lex.scan()
        self.kinds.append(t)
        self.values.append(v)
        self.marks.append(lex.line | lex.pos << 32)
        if t in _RAW:
            self.raws[self.n] = lex.raw
        self.n += 1

    def _rescan(self, i: int) -> str:
        """Token i is one the lexer must scan: it raises llex.c's error, or (a long bracket
        with many '=') it scans the token, and the tokens from there on come from it."""
        lex = Lexer(self.src, self.chunkname)
        mark = self.marks[i]
        lex.pos = mark >> 32
        lex.line = mark & LINE_MASK
        self.lex = lex
        del self.kinds[i:]
        del self.values[i:]
        del self.marks[i + 1:]
        self.n = i
        self._scan()
        return self.kinds[i]

    @property
    def lastline(self) -> int:
        """llex.c's lastline: the line of the last token consumed."""
        return self.last & LINE_MASK

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
            return text[:1] + self.values[i] + text[:1]  # type: ignore[operator]
        level = text.index(b"[", 1) + 1
        return text[:level] + self.values[i] + text[-level:]  # type: ignore[operator]

    def error(self, msg: str | bytes) -> LoadError:
        """luaX_syntaxerror: an error near the current token."""
        return self._error(msg, self.t)

    def error_expected(self, token: str) -> LoadError:
        return self.error(b"'" + token_text(token) + b"' expected")

    def testnext(self, c: str) -> bool:
        if self.t == c:
            self.next()
            return True
        return False

    def check(self, c: str) -> None:
        if self.t != c:
            raise self.error_expected(c)

    def checknext(self, c: str) -> None:
        if self.t != c:
            raise self.error_expected(c)
        self.next()

    def check_match(self, what: str, who: str, where: int) -> None:
        if not self.testnext(what):
            if where == self.line:
                raise self.error_expected(what)
            raise self.error(b"'%s' expected (to close '%s' at line %d)"
                             % (token_text(what), token_text(who), where))

    def str_checkname(self) -> bytes:
        if self.t != NAME:
            raise self.error_expected(NAME)
        name = self.tv
        self.next()
        return name  # type: ignore[return-value]

    def enterlevel(self) -> None:
        self.ccalls += 1
        if self.ccalls > LUAI_MAXCCALLS:
            raise self._error("chunk has too many syntax levels", None)

    def errorlimit(self, limit: int, what: str) -> LoadError:
        fs = self.fs
        assert fs is not None
        if fs.linedefined == 0:
            msg = f"main function has more than {limit} {what}"
        else:
            msg = f"function at line {fs.linedefined} has more than {limit} {what}"
        return self._error(msg, None)

    # --- scopes -----------------------------------------------------------------------------

    def new_localvar(self, pending: int) -> None:
        """Check the 200-locals limit for the ``pending``-th variable being declared."""
        fs = self.fs
        if len(fs.actvar) + pending + 1 > LUAI_MAXVARS:
            raise self.errorlimit(LUAI_MAXVARS, "local variables")

    def enterblock(self, breakable: bool) -> _BlockScope:
        fs = self.fs
        bl = _BlockScope(len(fs.actvar), breakable, fs.block)
        fs.block = bl
        return bl

    def leaveblock(self) -> bool:
        fs = self.fs
        bl = fs.block
        fs.block = bl.previous
        actvar = fs.actvar
        where = fs.where
        for name in actvar[bl.nactvar:]:
            where[name].pop()
        del actvar[bl.nactvar:]
        return bl.upval

    def singlevar(self) -> ast.Name:
        """singlevar: resolve NAME as a local, an upvalue or a global."""
        line = self.line
        name = self.str_checkname()
        kind, index = self._resolve(self.fs, name, True)
        return ast.Name(line, self.last, name, kind, index)

    def _resolve(self, fs: _FuncScope | None, name: bytes, base: bool) -> tuple[str, int]:
        """singlevaraux: search the function chain outwards, creating upvalues on the way back."""
        if fs is None:
            return "global", -1
        regs = fs.where.get(name)
        if regs:
            i = regs[-1]
            if not base:
                bl = fs.block
                while bl is not None and bl.nactvar > i:
                    bl = bl.previous
                if bl is not None:
                    bl.upval = True
            return "local", i
        kind, index = self._resolve(fs.prev, name, False)
        if kind == "global":
            return kind, index
        from_local = kind == "local"
        known = fs.upindex.get((from_local, index))
        if known is not None:
            return "upval", known
        if len(fs.upvalues) + 1 > LUAI_MAXUPVALUES:
            saved, self.fs = self.fs, fs
            try:
                raise self.errorlimit(LUAI_MAXUPVALUES, "upvalues")
            finally:
                self.fs = saved
        fs.upvalues.append(ast.Upvalue(name, from_local, index))
        fs.upindex[(from_local, index)] = len(fs.upvalues) - 1
        return "upval", len(fs.upvalues) - 1

    # --- entry ------------------------------------------------------------------------------

    def parse_chunk(self) -> ast.Chunk:
        """chunk -> { stat [';'] }  (the main function: vararg, no parameters)."""
        fs = _FuncScope(None, 0)
        fs.is_vararg = VARARG_ISVARARG
        self.fs = fs
        self.next()
        stats = self.chunk()
        self.check(EOS)
        body = ast.Block(stats, self.last)
        func = ast.Function(0, self.last, [], fs.is_vararg, False, body, fs.upvalues)
        self.fs = None
        return ast.Chunk(func, self.chunkname)

    def chunk(self) -> list[ast.Stat]:
        """chunk -> { stat [';'] }"""
        self.enterlevel()
        stats: list[ast.Stat] = []
        append = stats.append
        statement = self.statement
        while self.t not in _BLOCK_FOLLOW:
            stat = statement()
            append(stat)
            if self.t == ";":
                self.next()
            if isinstance(stat, (ast.Return, ast.Break)):
                break
        self.ccalls -= 1
        return stats

    def block(self) -> ast.Block:
        """block -> chunk"""
        self.enterblock(False)
        stats = self.chunk()
        last = self.last
        closes = self.leaveblock()
        return ast.Block(stats, last, closes)

    # --- statements -------------------------------------------------------------------------

    def statement(self) -> ast.Stat:
        """stat -> ifstat | whilestat | DO block END | forstat | repeatstat | funcstat |
        localstat | retstat | breakstat | exprstat"""
        line = self.line
        t = self.t
        if t == "if":
            return self.ifstat(line)
        if t == "while":
            return self.whilestat(line)
        if t == "do":
            self.next()
            body = self.block()
            self.check_match("end", "do", line)
            return ast.Do(line, body)
        if t == "for":
            return self.forstat(line)
        if t == "repeat":
            return self.repeatstat(line)
        if t == "function":
            return self.funcstat(line)
        if t == "local":
            self.next()
            if self.testnext("function"):
                return self.localfunc(line)
            return self.localstat(line)
        if t == "return":
            return self.retstat(line)
        if t == "break":
            self.next()
            return self.breakstat(line)
        return self.exprstat(line)

    def ifstat(self, line: int) -> ast.If:
        """ifstat -> IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END"""
        conds = [self.test_then_cond()]
        blocks = [self.block()]
        while self.t == "elseif":
            conds.append(self.test_then_cond())
            blocks.append(self.block())
        orelse = None
        if self.t == "else":
            self.next()
            orelse = self.block()
        self.check_match("end", "if", line)
        return ast.If(line, conds, blocks, orelse)

    def test_then_cond(self) -> ast.Expr:
        """test_then_block -> [IF | ELSEIF] cond THEN block  (the part before the block)"""
        self.next()
        cond = self.expr()
        self.checknext("then")
        return cond

    def whilestat(self, line: int) -> ast.While:
        """whilestat -> WHILE cond DO block END"""
        self.next()
        cond = self.expr()
        self.enterblock(True)
        self.checknext("do")
        body = self.block()
        self.check_match("end", "while", line)
        self.leaveblock()
        return ast.While(line, cond, body)

    def repeatstat(self, line: int) -> ast.Repeat:
        """repeatstat -> REPEAT block UNTIL cond"""
        self.enterblock(True)
        self.enterblock(False)
        self.next()
        stats = self.chunk()
        last = self.last
        self.check_match("until", "repeat", line)
        cond = self.expr()
        closes = self.leaveblock()
        self.leaveblock()
        return ast.Repeat(line, ast.Block(stats, last, closes), cond, closes)

    def forstat(self, line: int) -> ast.Stat:
        """forstat -> FOR (fornum | forlist) END"""
        self.enterblock(True)
        self.next()
        varname = self.str_checkname()
        if self.t == "=":
            stat = self.fornum(varname, line)
        elif self.t in (",", "in"):
            stat = self.forlist(varname, line)
        else:
            raise self.error("'=' or 'in' expected")
        self.check_match("end", "for", line)
        self.leaveblock()
        return stat

    def _declare(self, names: list[bytes]) -> None:
        """adjustlocalvars: make declared names visible."""
        fs = self.fs
        where = fs.where
        i = len(fs.actvar)
        for name in names:
            regs = where.get(name)
            if regs is None:
                where[name] = [i]
            else:
                regs.append(i)
            i += 1
        fs.actvar.extend(names)

    def forbody(self, names: list[bytes]) -> tuple[ast.Block, int, bool]:
        """forbody -> DO block"""
        self._declare([b"(for)"] * 3)
        self.checknext("do")
        do_mark = self.last
        self.enterblock(False)
        self._declare(names)
        body = self.block()
        closes = self.leaveblock()
        return body, do_mark, closes

    def fornum(self, varname: bytes, line: int) -> ast.NumericFor:
        """fornum -> NAME = exp1,exp1[,exp1] forbody"""
        for i in range(4):
            self.new_localvar(i)
        self.checknext("=")
        start = self.expr()
        self.checknext(",")
        limit = self.expr()
        step = self.expr() if self.testnext(",") else None
        body, do_line, closes = self.forbody([varname])
        return ast.NumericFor(line, varname, start, limit, step, body, do_line, closes)

    def forlist(self, indexname: bytes, line: int) -> ast.GenericFor:
        """forlist -> NAME {,NAME} IN explist1 forbody"""
        for i in range(4):
            self.new_localvar(i)
        names = [indexname]
        while self.testnext(","):
            names.append(self.str_checkname())
            self.new_localvar(len(names) + 2)
        self.checknext("in")
        exprs_line = self.line
        exprs, seps = self.explist1()
        body, do_line, closes = self.forbody(names)
        return ast.GenericFor(line, names, exprs, seps, exprs_line, body, do_line, closes)

    def funcstat(self, line: int) -> ast.FunctionStat:
        """funcstat -> FUNCTION funcname body;  funcname -> NAME {field} [':' NAME]"""
        self.next()
        target: ast.Expr = self.singlevar()
        is_method = False
        if self.t == "." or self.t == ":":
            fields: list[ast.Suffix] = []
            while self.t == ".":
                fields.append(self.field())
            if self.t == ":":
                is_method = True
                fields.append(self.field())
            target = ast.Suffixed(target.line, self.last, target, fields)
        func = self.body(is_method, line)
        return ast.FunctionStat(line, target, func)

    def localfunc(self, line: int) -> ast.LocalFunction:
        """localfunc -> LOCAL FUNCTION NAME body"""
        name = self.str_checkname()
        self.new_localvar(0)
        self._declare([name])
        func = self.body(False, self.line)
        return ast.LocalFunction(line, name, func)

    def localstat(self, line: int) -> ast.Local:
        """localstat -> LOCAL NAME {',' NAME} ['=' explist1]"""
        names: list[bytes] = []
        while True:
            names.append(self.str_checkname())
            self.new_localvar(len(names) - 1)
            if not self.testnext(","):
                break
        if self.testnext("="):
            exprs, seps = self.explist1()
        else:
            exprs, seps = [], []
        stat = ast.Local(line, names, exprs, seps, self.last)
        self._declare(names)
        return stat

    def retstat(self, line: int) -> ast.Return:
        """retstat -> RETURN [explist1]"""
        self.next()
        if self.t in _BLOCK_FOLLOW or self.t == ";":
            return ast.Return(line, [], [], self.last)
        exprs, seps = self.explist1()
        return ast.Return(line, exprs, seps, self.last)

    def breakstat(self, line: int) -> ast.Break:
        """breakstat -> BREAK"""
        bl = self.fs.block
        upval = False
        while bl is not None and not bl.breakable:
            upval = upval or bl.upval
            bl = bl.previous
        if bl is None:
            raise self.error("no loop to break")
        return ast.Break(line, self.last, bl.nactvar if upval else None)

    def exprstat(self, line: int) -> ast.Stat:
        """exprstat -> func | assignment"""
        v = self.primaryexp()
        if v.__class__ is ast.Suffixed and v.suffixes[-1].__class__ is not ast.Index:
            return ast.CallStat(line, v)
        targets = [v]
        return self.assignment(line, targets)

    def assignment(self, line: int, targets: list[ast.Expr]) -> ast.Assign:
        """assignment -> ',' primaryexp assignment | '=' explist1"""
        nvars = 1
        while True:
            v = targets[-1]
            if v.__class__ is not ast.Name and (v.__class__ is not ast.Suffixed
                                                or v.suffixes[-1].__class__ is not ast.Index):
                raise self.error("syntax error")
            if not self.testnext(","):
                break
            targets.append(self.primaryexp())
            if nvars > LUAI_MAXCCALLS - self.ccalls:
                raise self.errorlimit(LUAI_MAXCCALLS - self.ccalls, "variables in assignment")
            nvars += 1
        self.checknext("=")
        exprs, seps = self.explist1()
        return ast.Assign(line, targets, exprs, seps, self.last)

    # --- functions --------------------------------------------------------------------------

    def body(self, is_method: bool, line: int) -> ast.Function:
        """body -> '(' parlist ')' chunk END"""
        fs = _FuncScope(self.fs, line)
        self.fs = fs
        self.checknext("(")
        params: list[bytes] = []
        if is_method:
            self.new_localvar(0)
            self._declare([b"self"])
        # parlist -> [ param { ',' param } ]
        if self.t != ")":
            while True:
                if self.t == NAME:
                    params.append(self.str_checkname())
                    self.new_localvar(len(params) - 1)
                elif self.t == "...":
                    self.next()
                    self.new_localvar(len(params))
                    fs.is_vararg = VARARG_HASARG | VARARG_NEEDSARG | VARARG_ISVARARG
                else:
                    raise self.error("<name> or '...' expected")
                if fs.is_vararg or not self.testnext(","):
                    break
        self._declare(params)
        if fs.is_vararg & VARARG_HASARG:
            self._declare([b"arg"])
        self.checknext(")")
        stats = self.chunk()
        body = ast.Block(stats, self.last)
        self.check_match("end", "function", line)
        self.fs = fs.prev
        return ast.Function(line, self.last, params, fs.is_vararg, is_method, body, fs.upvalues)

    # --- expressions ------------------------------------------------------------------------

    def explist1(self) -> tuple[list[ast.Expr], list[int]]:
        """explist1 -> expr { ',' expr }   (``seps``: the mark after each comma)"""
        exprs = [self.expr()]
        seps: list[int] = []
        while self.t == ",":
            self.next()
            seps.append(self.last)
            exprs.append(self.expr())
        return exprs, seps

    def field(self) -> ast.Index:
        """field -> ['.' | ':'] NAME"""
        self.next()
        line = self.line
        name = self.str_checkname()
        return ast.Index(self.last, ast.String(line, self.last, name))

    def yindex(self) -> ast.Expr:
        """index -> '[' expr ']'"""
        self.next()
        key = self.expr()
        self.checknext("]")
        return key

    def constructor(self) -> ast.Table:
        """constructor -> '{' [ field { fieldsep field } [fieldsep] ] '}'"""
        line = self.line
        emit_mark = self.last
        self.checknext("{")
        items: list[ast.TableItem] = []
        na = nh = 0
        while self.t != "}":
            if self.t == NAME:
                if self.lookahead() != "=":
                    na += 1
                    item = ast.TableItem(None, self.expr(), 0, None)
                else:
                    nh += 1
                    kline = self.line
                    name = self.str_checkname()
                    key: ast.Expr = ast.String(kline, self.last, name)
                    self.checknext("=")
                    item = ast.TableItem(key, self.expr(), self.last, None)
            elif self.t == "[":
                nh += 1
                key = self.yindex()
                self.checknext("=")
                item = ast.TableItem(key, self.expr(), self.last, None)
            else:
                na += 1
                item = ast.TableItem(None, self.expr(), 0, None)
            items.append(item)
            if self.t == "," or self.t == ";":
                self.next()
                item.sep_mark = self.last
            else:
                break
        self.check_match("}", "{", line)
        return ast.Table(line, self.last, items, emit_mark)

    def funcargs(self) -> tuple[list[ast.Expr], list[int], int]:
        """funcargs -> '(' [ explist1 ] ')' | constructor | STRING"""
        line = self.line
        t = self.t
        if t == "(":
            if line != self.lastline:
                raise self.error("ambiguous syntax (function call x new statement)")
            self.next()
            if self.t == ")":
                args, seps = [], []
            else:
                args, seps = self.explist1()
            self.check_match(")", "(", line)
            return args, seps, line
        if t == "{":
            return [self.constructor()], [], line
        if t == STRING:
            arg = ast.String(line, line, self.tv)
            self.next()
            return [arg], [], line
        raise self.error("function arguments expected")

    def primaryexp(self) -> ast.Expr:
        """primaryexp -> prefixexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs }
        prefixexp -> NAME | '(' expr ')'"""
        t = self.t
        if t == NAME:  # singlevar
            line = self.line
            name = self.tv
            self.next()
            kind, index = self._resolve(self.fs, name, True)  # type: ignore[arg-type]
            v: ast.Expr = ast.Name(line, self.last, name, kind, index)  # type: ignore[arg-type]
            t = self.t
            if t != "." and t != "[" and t != ":" and t != "(" and t != STRING and t != "{":
                return v  # no suffix
        elif t == "(":
            line = self.line
            self.next()
            inner = self.expr()
            self.check_match(")", "(", line)
            v = ast.Paren(line, self.last, inner)
        else:
            raise self.error("unexpected symbol")
        suffixes: list[ast.Suffix] = []
        append = suffixes.append
        while True:
            t = self.t
            if t == ".":
                append(self.field())
            elif t == "[":
                key = self.yindex()
                append(ast.Index(self.last, key))
            elif t == ":":
                self.next()
                name = self.str_checkname()
                name_mark = self.last
                args, seps, call_line = self.funcargs()
                append(ast.MethodCall(self.last, name, name_mark, args, seps, call_line))
            elif t == "(" or t == STRING or t == "{":
                args, seps, call_line = self.funcargs()
                append(ast.Call(self.last, args, seps, call_line))
            elif suffixes:
                return ast.Suffixed(v.line, self.last, v, suffixes)
            else:
                return v

    def simpleexp(self) -> ast.Expr:
        """simpleexp -> NUMBER | STRING | NIL | true | false | ... | constructor |
        FUNCTION body | primaryexp"""
        t = self.t
        line = self.line
        if t == NUMBER:
            value = self.tv
            self.next()
            return ast.Number(line, self.last, value)
        if t == STRING:
            value = self.tv
            self.next()
            return ast.String(line, self.last, value)
        if t == "nil":
            self.next()
            return ast.Nil(line, self.last)
        if t == "true":
            self.next()
            return ast.TrueExpr(line, self.last)
        if t == "false":
            self.next()
            return ast.FalseExpr(line, self.last)
        if t == "...":
            fs = self.fs
            if not fs.is_vararg:
                raise self.error("cannot use '...' outside a vararg function")
            fs.is_vararg &= ~VARARG_NEEDSARG
            emit_mark = self.last
            self.next()
            return ast.Vararg(line, self.last, emit_mark)
        if t == "{":
            return self.constructor()
        if t == "function":
            self.next()
            return self.body(False, self.line)
        return self.primaryexp()

    def subexpr(self, limit: int) -> tuple[ast.Expr, str]:
        """subexpr -> (simpleexp | unop subexpr) { binop subexpr }, for binops above limit.

        The loop's operators make one flat BinOps node, so a left-associative chain of any
        length takes no recursion; each right operand is a syntax level deeper, as in 5.1."""
        self.ccalls += 1  # enterlevel
        if self.ccalls > LUAI_MAXCCALLS:
            raise self._error("chunk has too many syntax levels", None)
        t = self.t
        if t == NAME:  # the most common first: straight to primaryexp
            v: ast.Expr = self.primaryexp()
        elif t in _UNARY:
            line = self.line
            self.next()
            operand, _ = self.subexpr(UNARY_PRIORITY)
            v = ast.UnOp(line, operand.last, t, operand)
        else:
            v = self.simpleexp()
        op = self.t
        prio = BINARY_PRIORITY.get(op)
        if prio is not None and prio[0] > limit:
            links: list[ast.BinaryLink] = []
            while prio is not None and prio[0] > limit:
                self.next()
                op_mark = self.last
                rhs, nextop = self.subexpr(prio[1])
                links.append(ast.BinaryLink(op, rhs, op_mark))
                op = nextop
                prio = BINARY_PRIORITY.get(op)
            v = ast.BinOps(v.line, rhs.last, v, links)
        self.ccalls -= 1
        return v, op

    def expr(self) -> ast.Expr:
        """expr -> subexpr"""
        return self.subexpr(0)[0]


def parse(source: bytes, chunkname: bytes) -> ast.Chunk:
    """Parse a chunk of Lua 5.1 source; raise LoadError with Lua's message on a syntax error."""
    return Parser(source, chunkname).parse_chunk()
