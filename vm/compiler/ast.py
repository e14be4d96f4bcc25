"""The Lua 5.1 abstract syntax tree.

Every node carries ``line``, the line of its first token. The parser also resolves names (local
register, upvalue index or global) and records the few parse-time facts that Lua 5.1's one-pass
compiler folds into its output: ``last`` is the line of an expression's last token, and the
``*_line`` fields name the lines of the tokens (separators, ``=``, ``do``, ``end`` ...) that
lparser.c has just consumed when it emits an instruction. With them the code generator gives
each instruction the same line as luac5.1 does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Sep = tuple[int, int]  # an explist comma: its line, and where the scan of the next token began

# --- expressions ----------------------------------------------------------------------------


@dataclass(slots=True)
class Expr:
    line: int
    last: int


@dataclass(slots=True)
class Nil(Expr):
    pass


@dataclass(slots=True)
class TrueExpr(Expr):
    pass


@dataclass(slots=True)
class FalseExpr(Expr):
    pass


@dataclass(slots=True)
class Number(Expr):
    value: float


@dataclass(slots=True)
class String(Expr):
    value: bytes


@dataclass(slots=True)
class Vararg(Expr):
    """``...``; VARARG is emitted before the token is consumed, so at ``emit_line``."""

    emit_line: int


@dataclass(slots=True)
class Name(Expr):
    """A variable: ``kind`` is "local" (index = register), "upval" (index) or "global"."""

    name: bytes
    kind: str
    index: int


@dataclass(slots=True)
class Index(Expr):
    """``obj.name`` (key is a String) or ``obj[key]``; ``last`` is the name's or ``]``'s line."""

    obj: Expr
    key: Expr


@dataclass(slots=True)
class Call(Expr):
    """``func(args)``, ``func{...}``, ``func"s"``; ``call_line`` is the line of the argument opener."""

    func: Expr
    args: list[Expr]
    seps: list[Sep]
    call_line: int


@dataclass(slots=True)
class MethodCall(Expr):
    """``obj:name(args)``."""

    obj: Expr
    name: bytes
    name_line: int
    args: list[Expr]
    seps: list[Sep]
    call_line: int


@dataclass(slots=True)
class Paren(Expr):
    """``(expr)``: one value; ``last`` is the line of ``)``."""

    expr: Expr


@dataclass(slots=True)
class BinOp(Expr):
    """``lhs op rhs`` including ``and``/``or``; ``op_line`` is the operator's line and ``op_pos``
    where the scan of the token after it began."""

    op: str
    lhs: Expr
    rhs: Expr
    op_line: int
    op_pos: int


@dataclass(slots=True)
class UnOp(Expr):
    """``not e``, ``-e``, ``#e``."""

    op: str
    operand: Expr


@dataclass(slots=True)
class TableItem:
    """One constructor item: positional when ``key`` is None. ``sep_line`` is the line of the
    separator after it (None when none follows); ``eq_line`` the line of ``=`` for keyed items."""

    key: Expr | None
    value: Expr
    eq_line: int
    sep_line: int | None


@dataclass(slots=True)
class Table(Expr):
    """``{ items }``; NEWTABLE is emitted at ``emit_line``, the line before ``{``."""

    items: list[TableItem]
    emit_line: int


@dataclass(slots=True)
class Upvalue:
    """How a closure captures a variable: from the enclosing function's register or upvalue."""

    name: bytes
    from_local: bool
    index: int


@dataclass(slots=True)
class Function(Expr):
    """A function body. ``line`` is linedefined, ``last`` the line of its ``end``."""

    params: list[bytes]
    is_vararg: int
    is_method: bool
    body: Block
    upvalues: list[Upvalue]


# --- statements -----------------------------------------------------------------------------


@dataclass(slots=True)
class Stat:
    line: int


@dataclass(slots=True)
class Block:
    """A statement list. ``last`` is the line of its last token; ``closes`` says whether leaving
    the block must CLOSE upvalues (a local declared in it was captured by a closure)."""

    stats: list[Stat]
    last: int
    closes: bool = False


@dataclass(slots=True)
class Local(Stat):
    """``local names [= exprs]``; ``last`` is the line where the statement's last token ends."""

    names: list[bytes]
    exprs: list[Expr]
    seps: list[Sep]
    last: int


@dataclass(slots=True)
class LocalFunction(Stat):
    name: bytes
    func: Function


@dataclass(slots=True)
class FunctionStat(Stat):
    """``function a.b.c:m() end``: ``target`` is a Name or an Index chain."""

    target: Expr
    func: Function


@dataclass(slots=True)
class Assign(Stat):
    targets: list[Expr]
    exprs: list[Expr]
    seps: list[Sep]
    last: int


@dataclass(slots=True)
class CallStat(Stat):
    call: Call | MethodCall


@dataclass(slots=True)
class Do(Stat):
    body: Block


@dataclass(slots=True)
class While(Stat):
    cond: Expr
    body: Block


@dataclass(slots=True)
class Repeat(Stat):
    """``repeat body until cond``; ``closes`` is the body's upvalue flag after the condition."""

    body: Block
    cond: Expr
    closes: bool


@dataclass(slots=True)
class If(Stat):
    """``if c1 then b1 elseif c2 then b2 ... [else e] end``."""

    conds: list[Expr]
    blocks: list[Block]
    orelse: Block | None


@dataclass(slots=True)
class NumericFor(Stat):
    var: bytes
    start: Expr
    limit: Expr
    step: Expr | None
    body: Block
    do_line: int
    closes: bool


@dataclass(slots=True)
class GenericFor(Stat):
    """``for names in exprs do body end``; ``exprs_line`` is the line of the first expression."""

    names: list[bytes]
    exprs: list[Expr]
    seps: list[Sep]
    exprs_line: int
    body: Block
    do_line: int
    closes: bool


@dataclass(slots=True)
class Return(Stat):
    exprs: list[Expr]
    seps: list[Sep]
    last: int


@dataclass(slots=True)
class Break(Stat):
    """``break``; ``close_level`` is the register to CLOSE from, or None when nothing is captured."""

    close_level: int | None


@dataclass(slots=True)
class Chunk:
    """A parsed chunk: the main function (vararg, no parameters)."""

    func: Function
    source: bytes = field(default=b"")
