"""What kind of completion is wanted: every prefix of a set of statements.

Each statement has a tape: the kind of completion after each of its characters (n: global, local
or keyword; k: keyword only; f: field after `path.`; m: method after `path:`; c: command name;
t: theme; F: file; .: none). The prefix and the path of every answer are checked against what
the text before the cursor plainly shows.
"""

from __future__ import annotations

import re

import pytest

from ferrous_repl.repl.commands import REGISTRY
from ferrous_repl.repl.context import (
    COMMAND,
    FIELD,
    FILE,
    KEYWORD,
    METHOD,
    NAME_KIND,
    NONE,
    THEME,
    Context,
    completion_context,
)

CODES = {"n": NAME_KIND, "k": KEYWORD, "f": FIELD, "m": METHOD, "c": COMMAND, "t": THEME, "F": FILE,
         ".": NONE}

TAPES = [
    ('local s = string.format("%d items", n):upper()',
     "nnnnnkknnnnnnnnnfffffffn..........nnnn......nn"),
    ("for k, v in pairs(t.items) do io.write(k) end",
     "nnn.....nnnnnnnnnnnffffffnnnnnnnffffffnnnnnnn"),
    ("function obj.child:method(a, b) return self.x end",
     "nnnnnnnnnnnnffffffmmmmmmm.....nnnnnnnnnnnnnffnnnn"),
    ('x = ("abc"):rep(2) .. [[long]] -- note: y.z',
     "nnnnn.....nmmmmn.nn.nnn.......nn..........."),
    ("local function f(...) local t = {n = 1.5, ...} end",
     "nnnnnkkkkkkkkk....nnnnnnnnnkknnnnnnnn...nn.nnnnnnn"),
    ("if a.b.c then print(a.b.c) elseif t[1].x then end",
     "nnnnffffnnnnnnnnnnnnnffffnnnnnnnnnnn.n..nnnnnnnnn"),
    ("--[[ comment ]] x = 'str' .. s:len()",
     "n.............nnnnnn.....n.nnnmmmmnn"),
    (":theme high", "ccccccttttt"),
    (":dis math.max", "ccccnnnnnffff"),
    (":load ./x.lua", "cccccFFFFFFFF"),
    ("=os.time()", "nnnfffffnn"),
]

_NAME_AT_END = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_PATH = re.compile(r"([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*[.:]\s*$")


def _prefix(text: str) -> str:
    m = _NAME_AT_END.search(text)
    if m is None or (m.start() > 0 and text[m.start() - 1].isdigit()):
        return ""
    return m.group()


@pytest.mark.parametrize(("statement", "tape"), TAPES, ids=[t[0] for t in TAPES])
def test_every_prefix(statement: str, tape: str) -> None:
    assert len(tape) == len(statement)
    assert completion_context("", REGISTRY.arg_kinds()).kind == NAME_KIND
    for i, code in enumerate(tape):
        text = statement[: i + 1]
        ctx = completion_context(text, REGISTRY.arg_kinds())
        assert ctx.kind == CODES[code], (text, ctx)
        if ctx.kind in (NAME_KIND, KEYWORD, FIELD, METHOD):
            assert ctx.prefix == _prefix(text), (text, ctx)
        if ctx.kind in (FIELD, METHOD) and ctx.literal is None:
            m = _PATH.search(text[: len(text) - len(ctx.prefix)])
            assert m is not None, text
            assert ctx.path == tuple(re.split(r"\s*\.\s*", m.group(1))), (text, ctx)
        if ctx.kind in (THEME, FILE):
            assert text.split(None, 1)[1:] in ([ctx.prefix], []), (text, ctx)


@pytest.mark.parametrize(("text", "expected"), [
    ("string.fo", Context(FIELD, "fo", ("string",))),
    ("string . fo", Context(FIELD, "fo", ("string",))),
    ("a.b.c:m", Context(METHOD, "m", ("a", "b", "c"))),
    ('("x"):u', Context(METHOD, "u", literal="string")),
    ("t[1].x", Context(NONE)),
    ("f().x", Context(NONE)),
    ("x = 'str", Context(NONE)),
    ("x = [==[ab", Context(NONE)),
    ("--[[ unfinished", Context(NONE)),
    ("x = 1 -- co", Context(NONE)),
    ("x = 1 --[[ c ]] y", Context(NAME_KIND, "y")),
    ("x = 1 -- c\ny", Context(NAME_KIND, "y")),
    ("x = 12", Context(NONE)),
    ("local x, y", Context(NONE)),
    ("local fu", Context(KEYWORD, "fu", words=("function",))),
    ("function f(a, b", Context(NONE)),
    ("function f(a, b) return a", Context(NAME_KIND, "a", declared=("a", "b"))),
    ("local a = 1\nfor i, v in ipairs(t) do\n  print(", Context(NAME_KIND, "", declared=("a", "i", "v"))),
    (":", Context(COMMAND, "")),
    (":th", Context(COMMAND, "th")),
    (":help d", Context(COMMAND, "d")),
    (":theme light extra", Context(NONE)),
    (":heap 1", Context(NONE)),
    (":time string.r", Context(FIELD, "r", ("string",))),
    ("  :dis", Context(COMMAND, "dis")),
    ("x = 1\n:dis", Context(NONE)),
])
def test_examples(text: str, expected: Context) -> None:
    assert completion_context(text, REGISTRY.arg_kinds()) == expected
