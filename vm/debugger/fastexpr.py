"""Breakpoint conditions as Python functions over a frame, for the common simple case.

A condition runs every time its breakpoint's line is reached; run through the VM (a closure, a
frame, the loop), it costs more than the loop it watches. Most conditions are small
expressions over locals and constants (``i == 200000``, ``n > 10 and t.x ~= nil``): those are
translated once into a Python function reading the frame's registers, upvalue cells and
globals. It covers only what needs no Lua code and no error: numbers and strings with the
interpreter's own fast-path arithmetic (interp.py), raw equality, number and string order,
concatenation, ``#``, ``not``/``and``/``or``, and raw table reads. Anything else — a call, a
metamethod that could apply, an operand of a type the fast path does not take, an error to
raise — gives up (``Slow``) before any effect, and the condition runs through the VM instead,
which has the only complete semantics. tests/vm/debugger/test_conditions.py checks the two agree.
"""

from __future__ import annotations

from collections.abc import Callable

from vm.compiler.lexer import EOS, NAME, NUMBER, STRING, Lexer
from vm.errors import LoadError
from vm.runtime.interp import _floor
from vm.runtime.numbers import arith_div, arith_mod, arith_pow, number_to_bytes
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata


class Slow(Exception):
    """The fast path cannot decide this one: run the condition through the VM."""


class Unsupported(Exception):
    """The expression has parts the fast path does not translate."""


_SLOW = Slow()


def _add(x, y):
    if x.__class__ is float and y.__class__ is float:
        return x + y
    raise _SLOW


def _sub(x, y):
    if x.__class__ is float and y.__class__ is float:
        return x - y
    raise _SLOW


def _mul(x, y):
    if x.__class__ is float and y.__class__ is float:
        return x * y
    raise _SLOW


def _div(x, y):
    if x.__class__ is float and y.__class__ is float:
        return x / y if y else arith_div(x, y)
    raise _SLOW


def _mod(x, y):
    if x.__class__ is float and y.__class__ is float:
        if y:
            q = x / y
            return x - _floor(q) * y if q - q == 0.0 else arith_mod(x, y)
        return arith_mod(x, y)
    raise _SLOW


def _pow(x, y):
    if x.__class__ is float and y.__class__ is float:
        return arith_pow(x, y)
    raise _SLOW


def _unm(x):
    if x.__class__ is float:
        return -x
    raise _SLOW


def _eq(x, y):
    """OP_EQ: numbers by value (NaN unequal to itself), then identity, then raw equality; two
    tables or userdata that both have a metatable may have __eq: slow."""
    cx = x.__class__
    if cx is float and y.__class__ is float:
        return x == y
    if x is y:
        return True
    if cx is not y.__class__:
        return False
    if cx is bytes:
        return x == y
    if (cx is LuaTable or cx is Userdata) and x.metatable is not None and y.metatable is not None:
        raise _SLOW
    return False


def _ne(x, y):
    return not _eq(x, y)


def _lt(x, y):
    c = x.__class__
    if c is y.__class__ and (c is float or c is bytes):
        return x < y
    raise _SLOW


def _le(x, y):
    c = x.__class__
    if c is y.__class__ and (c is float or c is bytes):
        return x <= y
    raise _SLOW


def _gt(x, y):
    return _lt(y, x)


def _ge(x, y):
    return _le(y, x)


def _concat(x, y):
    cx = x.__class__
    cy = y.__class__
    if (cx is bytes or cx is float) and (cy is bytes or cy is float):
        return (x if cx is bytes else number_to_bytes(x)) + (y if cy is bytes else number_to_bytes(y))
    raise _SLOW


def _len(x):
    if x.__class__ is bytes:
        return float(len(x))
    if x.__class__ is LuaTable:
        return float(x.length())
    raise _SLOW


def _index(t, key):
    """A raw read; slow when an __index could apply (or t is not a table)."""
    if t.__class__ is LuaTable:
        v = t.get(key)
        if v is not None:
            return v
        mt = t.metatable
        if mt is None or mt.hash.get(b"__index") is None:
            return None
    raise _SLOW


def _truth(v) -> bool:
    return v is not None and v is not False


_BINARY = {"+": "_add", "-": "_sub", "*": "_mul", "/": "_div", "%": "_mod", "^": "_pow",
           "==": "_eq", "~=": "_ne", "<": "_lt", "<=": "_le", ">": "_gt", ">=": "_ge",
           "..": "_concat"}
_HELPERS = {name: globals()[name] for name in (*_BINARY.values(), "_unm", "_len", "_index")}


# lparser.c's priorities: (left, right) for each binary operator; unary operators bind at 8
_PRIORITY = {"+": (6, 6), "-": (6, 6), "*": (7, 7), "/": (7, 7), "%": (7, 7), "^": (10, 9),
             "..": (5, 4), "==": (3, 3), "~=": (3, 3), "<": (3, 3), "<=": (3, 3), ">": (3, 3),
             ">=": (3, 3), "and": (2, 2), "or": (1, 1)}
_UNARY_PRIORITY = 8
# comparisons of two numbers are Python's own (NaN unequal to everything, itself too)
_INLINE = {"==": "==", "~=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_ARITH = frozenset("+-*/%^")


def translate(text: bytes, resolve: Callable[[bytes], tuple[str, int]]) -> Callable:
    """A Python function ``fn(R, U, env)`` computing the expression ``text`` (one expression
    that compiles) over a frame's register list R (constants first: ``resolve`` gives list
    indices), its closure's upvalue cells U and its environment. ``resolve(name)`` says what a
    name is in the frame: ("local", index into R), ("upval", index into U) or ("global", 0).
    Read straight from the tokens as lparser.c's subexpr reads them, Python code written as
    it goes. Raises Unsupported when the expression has parts it does not take (a call, a
    function, a table constructor, ``...``, more than one expression)."""
    lex = Lexer(text, b"=(condition)")
    consts: list[object] = []
    temps = [0]
    tok = list(lex.scan())

    def advance() -> None:
        tok[:] = lex.scan()

    numerals: dict[str, float] = {}  # code of a numeral (a number literal, or one lcode folds)

    def const(v: object) -> str:
        consts.append(v)
        code = f"K[{len(consts) - 1}]"
        if v.__class__ is float:
            numerals[code] = v  # type: ignore[assignment]
        return code

    def fold(op: str, code: str, *operands: str) -> str:
        """lcode.c's constfolding of an operator on numerals: the compiler makes the result a
        constant, and constants equal as table keys share one slot, so a folded zero (0 or
        -0) makes every zero constant of the function take its sign. Such a case gives up."""
        if not all(o in numerals for o in operands):
            return code
        values = [numerals[o] for o in operands]
        if op in ("/", "%") and values[1] == 0:
            return code  # not folded
        try:
            r = -values[0] if len(values) == 1 else _HELPERS[_BINARY[op]](*values)  # type: ignore[operator]
        except Slow:
            return code
        if r != r:
            return code  # NaN: not folded
        if r == 0:
            raise Unsupported("a folded zero")
        numerals[code] = r
        return code

    def temp() -> str:
        temps[0] += 1
        return f"_t{temps[0]}"

    def primary() -> str:
        """prefixexp -> NAME | '(' expr ')', then the suffixes (fields and indexes only)."""
        kind, value = tok
        if kind == NAME:
            advance()
            where, i = resolve(value)  # type: ignore[arg-type]
            if where == "local":
                out = f"R[{i}]"
            elif where == "upval":
                out = f"U[{i}].regs[U[{i}].idx]"
            else:
                out = f"_index(env, {const(value)})"
        elif kind == "(":
            advance()
            out = expr(0)
            expect(")")
        else:
            raise Unsupported(kind)
        while True:
            kind, value = tok
            if kind == ".":
                advance()
                if tok[0] != NAME:
                    raise Unsupported("a field without a name")
                out = f"_index({out}, {const(tok[1])})"
                advance()
            elif kind == "[":
                advance()
                key = expr(0)
                expect("]")
                out = f"_index({out}, {key})"
            elif kind in ("(", ":", "{", STRING):
                raise Unsupported("a call")
            else:
                return out

    def simple() -> str:
        kind, value = tok
        if kind == NUMBER or kind == STRING:
            advance()
            return const(value)
        if kind in ("nil", "true", "false"):
            advance()
            return {"nil": "None", "true": "True", "false": "False"}[kind]
        return primary()

    def expr(limit: int) -> str:
        """subexpr: a unary operator or a simple expression, then binary operators whose left
        priority is above ``limit``."""
        kind = tok[0]
        if kind in ("not", "-", "#"):
            advance()
            v = expr(_UNARY_PRIORITY)
            if kind == "not":
                t = temp()
                out = f"(({t} := {v}) is None or {t} is False)"
            elif kind == "-":
                out = fold("-", f"_unm({v})", v)
            else:
                out = f"_len({v})"
        else:
            out = simple()
        while True:
            op = tok[0]
            prio = _PRIORITY.get(op)  # type: ignore[arg-type]
            if prio is None or prio[0] <= limit:
                return out
            advance()
            rhs = expr(prio[1])
            if op == "and":
                t = temp()
                out = f"({t} if (({t} := {out}) is None or {t} is False) else {rhs})"
            elif op == "or":
                t = temp()
                out = f"({rhs} if (({t} := {out}) is None or {t} is False) else {t})"
            elif op in _ARITH:
                out = fold(op, f"{_BINARY[op]}({out}, {rhs})", out, rhs)
            elif rhs in numerals and op in _INLINE:
                # against a numeral (``i == 200000``): a number operand compared inline, any
                # other through the helper (the same verdict, one call less in a hot loop)
                t = temp()
                out = (f"({t} {_INLINE[op]} {rhs} if ({t} := {out}).__class__ is float "
                       f"else {_BINARY[op]}({t}, {rhs}))")
            else:
                out = f"{_BINARY[op]}({out}, {rhs})"

    def expect(kind: str) -> None:
        if tok[0] != kind:
            raise Unsupported(f"{tok[0]} where {kind} was expected")
        advance()

    try:
        body = expr(0)
    except LoadError:
        raise Unsupported("does not scan") from None
    if tok[0] != EOS:
        raise Unsupported("more than one expression")
    source = f"def condition(R, U, env):\n    return {body}\n"
    namespace: dict[str, object] = dict(_HELPERS)
    namespace["K"] = tuple(consts)
    exec(compile(source, "<breakpoint condition>", "exec"), namespace)  # noqa: S102 - our own code
    return namespace["condition"]  # type: ignore[return-value]
