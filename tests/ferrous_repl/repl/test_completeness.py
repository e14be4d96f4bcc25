"""Is the input complete? Every prefix of some multi-line programs, against real Lua 5.1.

The reference is lua51's own loadstring (lupa): lua.c calls an input incomplete when the error
ends in '<eof>'; the REPL also tries ``return <input>`` first, so an input is an expression when
that form loads, and incomplete when either form ends too early.
"""

from __future__ import annotations

import pytest
from lupa import lua51

from ferrous_repl.repl.commands import needs_more
from ferrous_repl.repl.completeness import Chunk, Empty, Incomplete, Invalid, analyse

PROGRAMS = [
    """local function fib(n)
  if n < 2 then
    return n
  elseif n == 2 then return 1
  else
    return fib(n - 1) + fib(n - 2)
  end
end
print(fib(10))
""",
    """t = {
  1, 2.5e3, 0x1F,
  name = "a \\"quoted\\" string\\n",
  [[long
string]], [==[with ]] inside]==],
  nested = { f = function(...) return select('#', ...) end },
}
for k, v in pairs(t) do print(k, v) end
""",
    """--[[ a long
comment ]] local x = 0 -- a line comment
repeat
  x = x + 1
until x >= 10 or
  x == -1
while x > 0 do x = x - 1 end
return x, #t, not x
""",
    """=math.max(1,
  2, 3) + (4 *
  5)
""",
    """local obj = setmetatable({}, {__index = function(t, k)
  return k:upper()
end})
obj:method("x"):other [[y]] { z = 1 }
do local a, b = 1, 2; x = a .. b end
""",
    """x = = 1
if then end
f(
""",
    """s = 'unfinished
y = "also \\
continued"
""",
]


@pytest.fixture(scope="module")
def reference():
    lua = lua51.LuaRuntime(encoding=None)
    return lua.eval(b"function(s) local f, e = loadstring(s, '=stdin'); return f ~= nil, e end")


def _expected(load, text: str):
    data = text.encode()
    if not data.strip():
        return Empty()
    eof = b"'<eof>'"
    if data.startswith(b"="):
        ok, err = load(b"return " + data[1:])
        if ok:
            return Chunk(b"return " + data[1:], True)
        return Incomplete() if err.endswith(eof) else Invalid(err)
    ok_expr, err_expr = load(b"return " + data)
    if ok_expr:
        return Chunk(b"return " + data, True)
    ok_stat, err_stat = load(data)
    if ok_stat:
        return Chunk(data, False)
    if err_stat.endswith(eof) or err_expr.endswith(eof):
        return Incomplete()
    return Invalid(err_stat)


@pytest.mark.parametrize("program", PROGRAMS, ids=[f"program{i}" for i in range(len(PROGRAMS))])
def test_every_prefix_as_lua51_sees_it(program: str, reference) -> None:
    seen = set()
    for end in range(len(program) + 1):
        prefix = program[:end]
        assert analyse(prefix) == _expected(reference, prefix), repr(prefix)
        seen.add(type(analyse(prefix)).__name__)
    assert "Incomplete" in seen


def test_verdicts_cover_every_kind(reference) -> None:
    verdicts = {type(analyse(p[:i])) for p in PROGRAMS for i in range(len(p) + 1)}
    assert verdicts == {Chunk, Incomplete, Invalid, Empty}


@pytest.mark.parametrize(("text", "expression"), [
    ("1 + 1", True),
    ("f()", True),
    ("x = 1", False),
    ("return 1, 2", False),
    ("=1, 2", True),
    ("local t = {}", False),
])
def test_expressions_are_returned(text: str, expression: bool) -> None:
    verdict = analyse(text)
    assert isinstance(verdict, Chunk)
    assert verdict.expression == expression
    assert verdict.source.startswith(b"return ") == (expression or text.startswith("return"))


@pytest.mark.parametrize(("text", "more"), [
    ("function f()", True),
    ("1 +", True),
    ("x = 1", False),
    ("x = = 1", False),
    (":help", False),
    (":time for i = 1, 10 do", True),
    (":time for i = 1, 10 do end", False),
    (":debug while true do", True),
    (":theme dark", False),
    (":dis", False),
    (":nosuchcommand if", False),
])
def test_enter_waits_for_lua_and_for_lua_arguments(text: str, more: bool) -> None:
    assert needs_more(text) == more
