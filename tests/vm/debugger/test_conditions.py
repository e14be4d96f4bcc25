"""Breakpoint conditions: the Python translation of a simple condition (fastexpr.py) gives the
value the VM gives, or gives up before deciding; over random expressions (operator chains with
and without parentheses) and values (numbers
with NaN, infinities and negative zero, numeric strings, booleans, nil, tables with and without
metamethods, functions), read through locals, upvalues and globals."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vm.debugger import Breakpoint, Debugger
from vm.debugger.conditions import ConditionError, Expression
from vm.debugger.fastexpr import Slow, Unsupported, translate
from vm.runtime.table import LuaTable
from vm.session import Session

VALUES = [
    ("1", "2.5", "'10'", "'abc'", "true", "nil"),
    ("0/0", "1/0", "-(0)", "'0x10'", "false", "-1/0"),
    ("3", "3", "'3'", "'3'", "nil", "2^53"),
]

PROGRAM = """local mt = {{__eq = function() return true end, __lt = function() return true end,
  __le = function() return false end, __index = function(t, k) return k end,
  __concat = function() return 'cat' end, __add = function() return 99 end,
  __unm = function() return 7 end, __len = function() return 5 end}}
local a, b, c, d, e, g = {values}
local t = {{x = a, y = {{z = c}}, 10, 20}}
local u = setmetatable({{}}, mt)
local w = setmetatable({{}}, mt)
local raw = setmetatable({{}}, {{}})
local fn = print
G, H = b, t
local function probe()
  local here = a == b or t or u or w or raw or fn or c or d or e or g
  return here
end
probe()
"""
NAMES = ["a", "b", "c", "d", "e", "g", "t", "u", "w", "raw", "fn", "G", "H", "t.x", "t.y.z", "t[1]",
         "t[2]", "t[3]", "u.k", "raw.k", "nope", "H.x", "t[a]"]
LITERALS = ["1", "0", "-1", "2.5", "'1'", "'abc'", "''", "nil", "true", "false", "1e308", "'10'"]
BINARY = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]


def expressions() -> st.SearchStrategy[str]:
    atom = st.sampled_from(NAMES + LITERALS)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(BINARY), inner).map(lambda x: f"({x[0]} {x[1]} {x[2]})"),
            st.tuples(st.sampled_from(["not ", "-", "#"]), inner).map(lambda x: f"{x[0]}({x[1]})"),
            # no parentheses: the operators' priorities and associativity decide
            st.tuples(st.sampled_from(["", "not ", "- ", "#"]), inner, st.sampled_from(BINARY), inner,
                      st.sampled_from(BINARY), inner).map(lambda x: "{}{} {} {} {} {}".format(*x)),
        )

    return st.recursive(atom, extend, max_leaves=6)


def _stopped(values: tuple[str, ...], line: int = 14) -> Debugger:
    """Stopped in ``probe`` (line 14: the names are upvalues) or in the main chunk (line 16:
    locals)."""
    s = Session()
    d = Debugger(s, s.load(PROGRAM.format(values=", ".join(values)).encode(), b"=(cond)"))
    d.add_breakpoint(Breakpoint(line=line))
    assert d.continue_().reason == "breakpoint"
    return d

_DEBUGGERS: dict[tuple[int, int], Debugger] = {}


def _same(x: object, y: object) -> bool:
    if x.__class__ is float and y.__class__ is float:
        return (math.isnan(x) and math.isnan(y)) or (x == y and math.copysign(1, x) == math.copysign(1, y))
    if x.__class__ in (LuaTable,) or y.__class__ in (LuaTable,):
        return x is y
    return x.__class__ is y.__class__ and x == y


@pytest.mark.parametrize("line", [14, 16], ids=["upvalues", "locals"])
@pytest.mark.parametrize("k", range(len(VALUES)))
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=expressions())
def test_the_python_translation_agrees_with_the_vm(k: int, line: int, text: str) -> None:
    d = _DEBUGGERS.get((k, line))
    if d is None:
        d = _DEBUGGERS[(k, line)] = _stopped(VALUES[k], line)
    L = d.state
    f = L.frames[-1]
    bound = Expression(text.encode()).at(f.cl.p, f.pc)
    if bound.fast is None:  # only where lcode folds numerals to a zero (see fastexpr's fold)
        with pytest.raises(Unsupported, match="a folded zero"):
            translate(text.encode(), lambda name: ("global", 0))
        return
    try:
        fast = bound.fast(f.R, f.cl.upvals, f.cl.env)
    except Slow:
        return
    try:
        slow = bound.values(L, f)
    except ConditionError as exc:
        pytest.fail(f"{text}: the translation gave {fast!r}, the VM failed: {exc}")
    assert _same(fast, slow[0] if slow else None), (text, fast, slow)


def test_a_folded_zero_is_left_to_the_vm() -> None:
    """lua5.1 folds ``- 0`` to a constant -0, and a later ``0`` shares its slot: ``- 0 + a ..
    0`` with a NaN ``a`` is ``-nan-0`` in a function. The VM's answer, not a translation."""
    d = _stopped(VALUES[1], 14)
    L = d.state
    f = L.frames[-1]
    bound = Expression(b"- 0 + a .. 0").at(f.cl.p, f.pc)
    assert bound.fast is None
    assert bound.values(L, f) == [b"-nan-0"]
    assert Expression(b"a ~= a and -1 < 0").at(f.cl.p, f.pc).fast is not None  # no zero folded


def test_the_translation_decides_plain_comparisons_alone() -> None:
    d = _stopped(VALUES[0])
    L = d.state
    f = L.frames[-1]
    for text, want in ((b"a == 1 and b > 2", True), (b"t.y.z .. 'x' == '10x'", True),
                       (b"#c == 2 or not e", True), (b"G * 2 ~= 5", False), (b"H[1] + t[2]", 30.0)):
        bound = Expression(text).at(f.cl.p, f.pc)
        assert bound.fast(f.R, f.cl.upvals, f.cl.env) == want, text
    for text in (b"u == w", b"u.k", b"c + 1", b"fn(1)", b"a < c"):  # metamethods, coercion, calls
        bound = Expression(text).at(f.cl.p, f.pc)
        if bound.fast is not None:
            with pytest.raises(Slow):
                bound.fast(f.R, f.cl.upvals, f.cl.env)
    assert Expression(b"u == w").at(f.cl.p, f.pc).truth(L, f) is True  # __eq ran in the VM
