"""The Lua 5.1 abstract syntax tree.

Every node carries ``line``, the line of its first token. The parser also resolves names (local
register, upvalue index or global) and records the few parse-time facts that Lua 5.1's one-pass
compiler folds into its output, as *marks*: a mark is taken when lparser.c would emit code, and
holds llex.c's ``lastline`` (the line of the last token consumed: the line the instruction gets)
in its low 32 bits and, above them, where the scan of the current token began (the token a
code-generation limit error is reported near: ``control structure too long near 'end'``).
``last`` is the mark after an expression's last token, and the ``*_mark`` fields the marks
after the tokens (separators, ``=``, ``do``, ``end`` ...) that lparser.c has just consumed when
it emits an instruction. With them the code generator gives each instruction the same line,
and each limit error the same position, as luac5.1 does.

Chains have no depth: the operators one subexpr loop takes are one BinOps node with a list,
the suffixes of a primary expression one Suffixed node with a list. Every other kind of nesting
costs a syntax level in the parser (at most 200, as in 5.1), so any walk of the tree recurses
at most a few hundred frames deep, whatever the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LINE_MASK = 0xFFFFFFFF
Sep = int  # the mark after an explist comma


def mark(lastline: int, pos: int) -> int:
    """A mark: ``lastline`` in the low 32 bits, the current token's scan position above."""
    return lastline | pos << 32


def line_of(mark: int) -> int:
    return mark & LINE_MASK


def pos_of(mark: int) -> int:
    return mark >> 32

# --- expressions ----------------------------------------------------------------------------


@dataclass(slots=True)
class Expr:
    line: int
    last: int  # the mark after its last token


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
    """``...``; VARARG is emitted before the token is consumed, so at ``emit``."""

    emit: int


@dataclass(slots=True)
class Name(Expr):
    """A variable: ``kind`` is "local" (index = register), "upval" (index) or "global"."""

    name: bytes
    kind: str
    index: int


@dataclass(slots=True)
class Paren(Expr):
    """``(expr)``: one value; ``last`` is the line of ``)``."""

    expr: Expr


@dataclass(slots=True)
class Suffix:
    """One suffix of a primary expression (``.name``, ``[key]``, ``:name(args)``, ``(args)``);
    ``last`` is the line of its last token."""

    last: int


@dataclass(slots=True)
class Index(Suffix):
    """``.name`` (key is a String) or ``[key]``."""

    key: Expr


@dataclass(slots=True)
class Call(Suffix):
    """``(args)``, ``{...}``, ``"s"``; ``call_line`` is the line of the argument opener."""

    args: list[Expr]
    seps: list[Sep]
    call_line: int


@dataclass(slots=True)
class MethodCall(Suffix):
    """``:name(args)``; ``name_mark`` is the mark after the name."""

    name: bytes
    name_mark: int
    args: list[Expr]
    seps: list[Sep]
    call_line: int


@dataclass(slots=True)
class Suffixed(Expr):
    """``base suffix1 suffix2 ...``: primaryexp's loop, applied left to right. Kept as a list so
    that a chain of any length (``t.a.a.a...``, ``f()()()...``) is walked by a loop, never by
    recursion. ``base`` is a Name or a Paren; there is at least one suffix."""

    base: Expr
    suffixes: list[Suffix]


@dataclass(slots=True)
class BinaryLink:
    """One ``op rhs`` step of a BinOps chain; ``op_mark`` is the mark after the operator."""

    op: str
    rhs: Expr
    op_mark: int


@dataclass(slots=True)
class BinOps(Expr):
    """``first op1 rhs1 op2 rhs2 ...`` including ``and``/``or``: the binary operators that one
    call of subexpr takes in its loop, applied left to right (``((first op1 rhs1) op2 rhs2)``).
    Each rhs binds tighter (or is right-associative and was parsed a syntax level deeper), so a
    left-associative chain of any length is a flat list, walked by a loop."""

    first: Expr
    links: list[BinaryLink]


@dataclass(slots=True)
class UnOp(Expr):
    """``not e``, ``-e``, ``#e``."""

    op: str
    operand: Expr


@dataclass(slots=True)
class TableItem:
    """One constructor item: positional when ``key`` is None. ``sep_mark`` is the mark after the
    separator that follows it (None when none follows); ``eq_mark`` after ``=`` for keyed items."""

    key: Expr | None
    value: Expr
    eq_mark: int
    sep_mark: int | None


@dataclass(slots=True)
class Table(Expr):
    """``{ items }``; NEWTABLE is emitted at ``emit``, the mark before ``{`` is consumed."""

    items: list[TableItem]
    emit: int


@dataclass(slots=True)
class Upvalue:
    """How a closure captures a variable: from the enclosing function's register or upvalue."""

    name: bytes
    from_local: bool
    index: int


@dataclass(slots=True)
class Function(Expr):
    """A function body. ``line`` is linedefined, ``last`` the mark after its ``end``."""

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
    """A statement list. ``last`` is the mark after its last token; ``closes`` says whether leaving
    the block must CLOSE upvalues (a local declared in it was captured by a closure)."""

    stats: list[Stat]
    last: int
    closes: bool = False


@dataclass(slots=True)
class Local(Stat):
    """``local names [= exprs]``; ``last`` is the mark after the statement's last token."""

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
    """``function a.b.c:m() end``: ``target`` is a Name, or a Suffixed of Index suffixes."""

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
    """A call as a statement: a Suffixed whose last suffix is a Call or a MethodCall."""

    call: Suffixed


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
    do_mark: int
    closes: bool


@dataclass(slots=True)
class GenericFor(Stat):
    """``for names in exprs do body end``; ``exprs_line`` is the line of the first expression."""

    names: list[bytes]
    exprs: list[Expr]
    seps: list[Sep]
    exprs_line: int
    body: Block
    do_mark: int
    closes: bool


@dataclass(slots=True)
class Return(Stat):
    exprs: list[Expr]
    seps: list[Sep]
    last: int


@dataclass(slots=True)
class Break(Stat):
    """``break``; ``close_level`` is the register to CLOSE from, or None when nothing is captured."""

    last: int
    close_level: int | None


@dataclass(slots=True)
class Chunk:
    """A parsed chunk: the main function (vararg, no parameters)."""

    func: Function
    source: bytes = field(default=b"")
