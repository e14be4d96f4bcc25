"""Read-only views of values for the front ends: raw reads only, nothing runs."""

from __future__ import annotations

import io

import pytest

from vm.session import Session
from vm.values_view import (
    ValuesView,
    ViewError,
    array_items,
    array_length,
    entries,
    is_identifier,
    kind,
    number_text,
    raw_get,
)


@pytest.fixture()
def view() -> ValuesView:
    s = Session(io.BytesIO())
    s.run(b"""
        calls = 0
        base = {inherited = 1, shared = 'base'}
        mid = setmetatable({middle = 2, shared = 'mid'}, {__index = base})
        obj = setmetatable({own = 3}, {__index = mid, __metatable = 'locked'})
        lazy = setmetatable({}, {__index = function() calls = calls + 1 end})
        loop = {}; setmetatable(loop, {__index = loop})
        function f(a, b, ...) return a end
        arr = {10, 20, nil, 40, x = 1, [true] = 2, ['not a name'] = 3, ['end'] = 4}
    """, b"@main.lua")
    return ValuesView(s)


def get(view: ValuesView, name: str) -> object:
    return view.globals.get_str(name.encode())


def test_fields_follow_index_tables_raw(view: ValuesView) -> None:
    obj = get(view, "obj")
    assert [n for n, _ in view.fields(obj)] == ["inherited", "middle", "own", "shared"]
    assert view.field(obj, "shared") == b"mid"
    assert view.field(obj, "inherited") == 1.0
    assert view.lookup(("obj", "middle")) == 2.0
    assert view.lookup(("obj", "nothing", "deeper")) is None
    assert view.fields(get(view, "lazy")) == []
    assert view.field(get(view, "lazy"), "x") is None
    assert get(view, "calls") == 0.0
    assert view.fields(get(view, "loop")) == []
    assert view.metatable(obj) is not None  # __metatable does not hide it from the view


def test_string_methods(view: ValuesView) -> None:
    library = view.string_library()
    assert library is get(view, "string")
    assert ("upper", library.get_str(b"upper")) in view.fields(b"any string")  # type: ignore[union-attr]


def test_entries_and_arrays(view: ValuesView) -> None:
    arr = get(view, "arr")
    assert array_length(arr) == 2
    assert array_items(arr, 10) == [10.0, 20.0]
    assert array_items(arr, 1) == [10.0]
    keys = [k for k, _ in entries(arr)]  # a Python set would merge true and 1
    assert len(keys) == 7 and [k for k in keys if k is True] == [True]
    assert [k for k in keys if k.__class__ is float] == [1, 2, 4]
    assert {k for k in keys if k.__class__ is bytes} == {b"x", b"not a name", b"end"}
    assert [n for n, _ in view.fields(arr)] == ["x"]  # identifiers only, no reserved words
    assert raw_get(arr, True) == 2.0 and raw_get(arr, None) is None and raw_get(arr, float("nan")) is None


def test_labels_kinds_and_functions(view: ValuesView) -> None:
    f = get(view, "f")
    assert view.label(f) == "function#0"
    assert view.label(f) == "function#0"  # stable
    assert view.label(get(view, "arr")) == "table#1"
    assert view.object_at(1) is get(view, "arr")
    info = view.function_info(f)
    assert (info.kind, info.name, info.line, info.params, info.vararg) == ("Lua", "main.lua", 8, 2, True)
    assert view.describe(f) == "function: main.lua:8"
    assert view.describe(get(view, "print")) == "builtin: print"
    assert view.describe(view.globals) == ""
    assert kind(None) == "nil" and kind(f) == "function" and kind(b"") == "string"
    assert number_text(1e100) == "1e+100" and number_text(3.0) == "3"
    assert is_identifier("x_1") and not is_identifier("end") and not is_identifier("1x")


def test_listing_and_errors(view: ValuesView) -> None:
    assert view.listing(get(view, "f")).startswith("\nfunction <main.lua:8,8>")
    with pytest.raises(ViewError, match="builtin: print has no bytecode"):
        view.listing(get(view, "print"))
    with pytest.raises(ViewError, match="no object #999"):
        view.object_at(999)


def test_heap_summary(view: ValuesView) -> None:
    view.label(get(view, "f"))
    view.label(get(view, "arr"))
    summary = view.heap_summary()
    assert summary.with_handles == 2
    assert summary.by_type == (("function", 1), ("table", 1))
    assert summary.bytes_in_use > 0
