"""The pretty printer: nested and cyclic tables, shared references, key order, folding, strings
quoted so that real Lua 5.1 reads them back, and styles from the theme."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lupa import lua51

from ferrous_repl.pretty import (
    STYLES,
    PrettyOptions,
    for_prompt_toolkit,
    plain,
    pretty,
    pretty_styles,
    pretty_values,
    quote,
)
from ferrous_repl.themes import load_theme
from vm.session import Session
from vm.values_view import ValuesView


def _values(code: bytes) -> tuple[list, ValuesView]:
    s = Session(io.BytesIO())
    return s.run(code, b"=test"), ValuesView(s)


def show(code: bytes, options: PrettyOptions | None = None) -> str:
    values, view = _values(code)
    return plain(pretty_values(values, view, options))


def test_scalars() -> None:
    assert show(b"return nil, true, false, 42, 0.1, 1/0, -1e300, 'x'") == \
        'nil, true, false, 42, 0.1, inf, -1e+300, "x"'
    assert show(b"return") == ""


def test_nested_table_indented_with_keys_in_order() -> None:
    code = b"""return {
        "one", "two", [3] = "three", [10] = 10, [-1] = -1, [0.5] = "half",
        zeta = 1, alpha = {x = 1, y = {z = {}}}, ["with space"] = true, ["end"] = 1,
        [true] = "t", [false] = "f",
        long_name_number_one = "aaaaaaaaaaaaaaaaaaaa", long_name_number_two = "bbbbbbbbbbbbbbbbbbbb",
    }"""
    assert show(code) == """\
table#0 {
  "one", "two", "three",
  [-1] = -1,
  [0.5] = "half",
  [10] = 10,
  alpha = table#1 { x = 1, y = table#2 { z = table#3 {} } },
  ["end"] = 1,
  long_name_number_one = "aaaaaaaaaaaaaaaaaaaa",
  long_name_number_two = "bbbbbbbbbbbbbbbbbbbb",
  ["with space"] = true,
  zeta = 1,
  [false] = "f",
  [true] = "t",
}"""


def test_short_tables_stay_on_one_line() -> None:
    assert show(b"return {1, 2, 3}, {}, {a = {b = 'c'}}") == \
        'table#0 { 1, 2, 3 }, table#1 {}, table#2 { a = table#3 { b = "c" } }'


def test_cycles_are_marked() -> None:
    out = show(b"local t = {name = 't'}; t.self = t; t.list = {t, {t}}; return t", PrettyOptions(width=200))
    assert out == ('table#0 { list = table#1 { table#0 <cycle>, table#2 { table#0 <cycle> } }, '
                   'name = "t", self = table#0 <cycle> }')


def test_mutual_cycle_multi_line() -> None:
    out = show(b"local a, b = {}, {}; a.peer = b; b.peer = a; a.name = 'a'; b.name = 'b'; return a",
               PrettyOptions(width=30))
    assert out == """\
table#0 {
  name = "a",
  peer = table#1 {
    name = "b",
    peer = table#0 <cycle>,
  },
}"""


def test_shared_references_are_marked() -> None:
    assert show(b"local s = {1}; return {a = s, b = s, c = {s}}", PrettyOptions(width=200)) == \
        "table#0 { a = table#1 { 1 }, b = table#1 <shown above>, c = table#2 { table#1 <shown above> } }"
    assert show(b"local s = {1}; return s, {s}") == "table#0 { 1 }, table#1 { table#0 <shown above> }"


def test_long_arrays_fill_lines() -> None:
    out = show(b"local t = {} for i = 1, 30 do t[i] = i * 1000 end t.n = {1} return t",
               PrettyOptions(width=40))
    assert out == """\
table#0 {
  1000, 2000, 3000, 4000, 5000, 6000,
  7000, 8000, 9000, 10000, 11000, 12000,
  13000, 14000, 15000, 16000, 17000,
  18000, 19000, 20000, 21000, 22000,
  23000, 24000, 25000, 26000, 27000,
  28000, 29000, 30000,
  n = table#1 { 1 },
}"""


def test_folding() -> None:
    assert show(b"return {{{{{{}}}}}}", PrettyOptions(depth=2)) == \
        "table#0 { table#1 { table#2 { ... 1 entry } } }"
    assert show(b"local t = {} for i = 1, 100 do t[i] = i end return t", PrettyOptions(items=5)) == \
        "table#0 { 1, 2, 3, 4, 5, ... 95 more }"
    assert show(b"local t = {} for i = 1, 30 do t['k' .. i] = i end return t", PrettyOptions(items=3)) == \
        "table#0 { k1 = 1, k10 = 10, k11 = 11, ... 27 more }"
    assert show(b"return string.rep('ab', 50)", PrettyOptions(string=6)) == '"ababab"... (100 bytes)'


def test_functions_threads_userdata_and_metatables() -> None:
    out = show(b"""local mt = {}
        return print, function() end, coroutine.create(function() end), io.stdout,
               setmetatable({}, mt), newproxy()""", PrettyOptions(width=500))
    assert out == ("function#0 <builtin: print>, function#1 <function: test:2>, thread#2 <suspended>, "
                   "userdata#3 <file>, table#4 <metatable table#5> {}, userdata#6")


def test_printing_runs_no_lua() -> None:
    values, view = _values(b"""calls = 0
        local mt = {__index = function() calls = calls + 1 end, __tostring = function() calls = calls + 1 end}
        return setmetatable({x = 1}, mt)""")
    assert plain(pretty(values[0], view)) == "table#0 <metatable table#1> { x = 1 }"
    assert view.globals.get_str(b"calls") == 0.0


def test_long_values_are_one_a_line() -> None:
    out = show(b"return 'a', {1, 2}, string.rep('b', 70)")
    assert out.split("\n") == ['"a"', "table#0 { 1, 2 }", '"' + "b" * 70 + '"']


@pytest.mark.parametrize(("raw", "quoted"), [
    (b"plain", '"plain"'),
    (b'say "hi"', "'say \"hi\"'"),
    (b"both ' and \"", '"both \' and \\""'),
    (b"tab\tnl\nnul\0end", '"tab\\tnl\\nnul\\0end"'),
    (b"\x001", '"\\0001"'),
    (b"caf\xc3\xa9", '"café"'),
    (b"bad \xff byte", '"bad \\255 byte"'),
    (b"back\\slash", '"back\\\\slash"'),
])
def test_quote(raw: bytes, quoted: str) -> None:
    assert quote(raw) == quoted


_LUA = lua51.LuaRuntime(encoding=None)
_READ = _LUA.eval(b"function(src) return assert(loadstring('return ' .. src))() end")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_quoted_strings_read_back_in_lua51(raw: bytes) -> None:
    assert _READ(quote(raw).encode("utf-8", "surrogateescape")) == raw


def test_styles() -> None:
    values, view = _values(b"return {1, 'a', x = true, f = print}")
    frags = pretty(values[0], view)
    assert {style for style, _ in frags} <= set(STYLES) | {""}
    assert ("string", '"a"') in frags
    assert for_prompt_toolkit([("number", "1"), ("", " ")]) == [("class:pretty.number", "1"), ("", " ")]
    theme = load_theme("dark")
    assert not isinstance(theme, str)
    colours = pretty_styles(theme)  # type: ignore[arg-type]
    assert set(colours) == set(STYLES)
    assert colours["string"] == theme.syntax.string  # type: ignore[union-attr]
