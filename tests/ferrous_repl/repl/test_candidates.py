"""Completion candidates come from the live VM, read raw: no Lua code runs while completing."""

from __future__ import annotations

import io

import pytest

from ferrous_repl.repl.candidates import KEYWORDS, candidates
from ferrous_repl.repl.commands import REGISTRY
from ferrous_repl.repl.completer import sources_for
from ferrous_repl.repl.context import completion_context
from vm.session import Session
from vm.values_view import ValuesView


@pytest.fixture()
def session() -> Session:
    s = Session(io.BytesIO())
    s.run(b"""
        config = { debug = true, level = 3, nested = { deep = { value = 1 } } }
        Account = {}
        Account.__index = Account
        function Account.new(b) return setmetatable({balance = b}, Account) end
        function Account:deposit(v) self.balance = self.balance + v end
        acct = Account.new(10)
        name = "ferrous"
        calls = 0
        trap = setmetatable({}, {__index = function(t, k) calls = calls + 1; return 1 end})
        _private = 1
    """, b"=setup")
    return s


def complete(session: Session, text: str) -> list[str]:
    ctx = completion_context(text, REGISTRY.arg_kinds())
    return [c.text for c in candidates(ctx, sources_for(ValuesView(session)))]


def test_nested_path(session: Session) -> None:
    assert complete(session, "string.fo") == ["format"]
    assert complete(session, "config.nested.deep.") == ["value"]
    assert complete(session, "config.") == ["debug", "level", "nested"]


def test_globals_and_keywords(session: Session) -> None:
    assert complete(session, "pri") == ["print"]
    assert complete(session, "con") == ["config"]
    assert complete(session, "wh") == ["while"]
    assert complete(session, "e") == ["else", "elseif", "end", "error"]
    everything = complete(session, "")
    assert set(KEYWORDS) < set(everything)
    assert everything.index("_private") > everything.index("xpcall")  # '_' names last
    assert complete(session, "_p") == ["_private"]


def test_methods_of_strings_go_to_the_string_library(session: Session) -> None:
    assert complete(session, "name:up") == ["upper"]
    assert complete(session, '("x"):re') == ["rep", "reverse"]
    assert "format" in complete(session, "name:")


def test_fields_and_methods_through_index_tables(session: Session) -> None:
    assert complete(session, "acct.") == ["balance", "deposit", "new", "__index"]
    assert complete(session, "acct:") == ["deposit", "new"]  # functions only
    assert complete(session, "acct:dep") == ["deposit"]


def test_completion_never_runs_lua(session: Session) -> None:
    assert complete(session, "trap.") == []
    assert complete(session, "trap.x.") == []
    assert session.globals.get_str(b"calls") == 0.0


def test_locals_of_the_input(session: Session) -> None:
    assert complete(session, "local counter = 1\nprint(cou") == ["counter"]


def test_unknown_paths_and_none(session: Session) -> None:
    assert complete(session, "nosuch.") == []
    assert complete(session, "config.level.") == []
    assert complete(session, "x = 'pri") == []


def test_commands_and_themes(session: Session) -> None:
    assert complete(session, ":th") == ["theme"]
    assert complete(session, ":") == [c.name for c in REGISTRY.all()]
    assert complete(session, ":theme hi") == ["high-contrast"]
    assert complete(session, ":dis string.by") == ["byte"]
    assert complete(session, "local fu") == ["function"]
