"""Completion candidates for a context, from the live VM, read raw.

The producer gets callables (``Sources``), never the interpreter: names and values of the
globals, the fields of a value found by a dotted path, the string library, the commands, the
themes. Reading is raw (tables and ``__index`` tables only): completing never runs Lua code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ferrous_repl.repl.context import COMMAND, FIELD, KEYWORD, METHOD, NAME_KIND, THEME, Context
from vm.compiler.lexer import RESERVED

KEYWORDS = tuple(sorted(RESERVED))

Members = list[tuple[str, object]]


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str  # replaces the context's prefix
    meta: str  # what it is: "keyword", "local", "function", "table", "command", ...


@dataclass(frozen=True, slots=True)
class Sources:
    globals: Callable[[], Members]  # (name, value) of each global
    lookup: Callable[[tuple[str, ...]], object]  # the value of a dotted path from the globals
    fields: Callable[[object], Members]  # names usable after `value.` (raw, __index tables too)
    string_methods: Callable[[], Members]  # the string library's functions
    kind_of: Callable[[object], str]  # the Lua type name of a value
    commands: Callable[[], list[tuple[str, str]]]  # (name, one-line summary)
    themes: Callable[[], list[str]]


def candidates(ctx: Context, sources: Sources) -> list[Candidate]:
    """The names that complete ``ctx.prefix`` in ``ctx``, best first. File names are the front
    end's business (prompt_toolkit's path completer)."""
    prefix = ctx.prefix
    if ctx.kind == NAME_KIND:
        found: dict[str, str] = {}
        for name in ctx.declared:
            found.setdefault(name, "local")
        for name, value in sources.globals():
            found.setdefault(name, sources.kind_of(value))
        for word in KEYWORDS:
            found.setdefault(word, "keyword")
        return _matching(found, prefix)
    if ctx.kind == KEYWORD:
        return _matching(dict.fromkeys(ctx.words, "keyword"), prefix)
    if ctx.kind in (FIELD, METHOD):
        members = _members(ctx, sources)
        if ctx.kind == METHOD:
            members = [(n, v) for n, v in members if sources.kind_of(v) == "function"]
        return _matching({n: sources.kind_of(v) for n, v in members}, prefix)
    if ctx.kind == COMMAND:
        return [Candidate(name, summary) for name, summary in sources.commands()
                if name.startswith(prefix)]
    if ctx.kind == THEME:
        return [Candidate(name, "theme") for name in sources.themes() if name.startswith(prefix)]
    return []


def _members(ctx: Context, sources: Sources) -> Members:
    if ctx.literal == "string":
        return sources.string_methods()
    value = sources.lookup(ctx.path)
    if value is None:
        return []
    if sources.kind_of(value) == "string":
        return sources.string_methods()
    return sources.fields(value)


def _matching(found: dict[str, str], prefix: str) -> list[Candidate]:
    """Names starting with prefix, sorted; names starting with '_' last unless asked for."""
    names = [n for n in found if n.startswith(prefix)]
    names.sort(key=lambda n: (n.startswith("_") and not prefix.startswith("_"), n))
    return [Candidate(n, found[n]) for n in names]
