"""The AST: node kinds, line numbers and name resolution."""

from __future__ import annotations

from vm.compiler import ast
from vm.compiler.ast import line_of
from vm.compiler.parser import parse

SOURCE = b"""local a = 1
function g(x, ...)
  local y = x + a
  return function() return y, z end
end
for i = 1, 3 do
  if i > 1 then break end
end
t.f = {
  [1] = "one",
  two = 2,
}
"""


def test_statements_carry_their_lines() -> None:
    stats = parse(SOURCE, b"=t").func.body.stats
    assert [(type(s).__name__, s.line) for s in stats] == [
        ("Local", 1), ("FunctionStat", 2), ("NumericFor", 6), ("Assign", 9),
    ]


def test_names_are_resolved() -> None:
    stats = parse(SOURCE, b"=t").func.body.stats
    g = stats[1]
    assert isinstance(g, ast.FunctionStat) and isinstance(g.target, ast.Name)
    assert (g.target.kind, g.target.name) == ("global", b"g")
    func = g.func
    assert func.params == [b"x"] and func.is_vararg and (func.line, line_of(func.last)) == (2, 5)
    # a is the main chunk's register 0, captured by g as its upvalue 0
    assert func.upvalues == [ast.Upvalue(b"a", True, 0)]
    local_y = func.body.stats[0]
    assert isinstance(local_y, ast.Local)
    add = local_y.exprs[0]
    assert isinstance(add, ast.BinOps) and [link.op for link in add.links] == ["+"]
    lhs, rhs = add.first, add.links[0].rhs
    assert isinstance(lhs, ast.Name) and (lhs.kind, lhs.index) == ("local", 0)
    assert isinstance(rhs, ast.Name) and (rhs.kind, rhs.index) == ("upval", 0)
    inner = func.body.stats[1]
    assert isinstance(inner, ast.Return)
    closure = inner.exprs[0]
    assert isinstance(closure, ast.Function)
    y, z = closure.body.stats[0].exprs  # type: ignore[attr-defined]
    # y: register 2 of g (after x and the vararg 'arg'), z: a global
    assert closure.upvalues == [ast.Upvalue(b"y", True, 2)]
    assert (y.kind, y.index, z.kind) == ("upval", 0, "global")


def test_expression_lines_and_table_items() -> None:
    stats = parse(SOURCE, b"=t").func.body.stats
    assign = stats[3]
    assert isinstance(assign, ast.Assign)
    table = assign.exprs[0]
    assert isinstance(table, ast.Table)
    assert (table.line, line_of(table.last)) == (9, 12)
    keys = [item.key for item in table.items]
    assert isinstance(keys[0], ast.Number) and keys[0].line == 10
    assert isinstance(keys[1], ast.String) and keys[1].value == b"two" and keys[1].line == 11
    assert [line_of(item.sep_mark) for item in table.items] == [10, 11]


def test_break_knows_whether_to_close() -> None:
    src = b"while x do local a; f = function() return a end; do break end end"
    loop = parse(src, b"=t").func.body.stats[0]
    assert isinstance(loop, ast.While)
    brk = loop.body.stats[2].body.stats[0]  # type: ignore[attr-defined]
    assert isinstance(brk, ast.Break) and brk.close_level == 0
    assert loop.body.closes
