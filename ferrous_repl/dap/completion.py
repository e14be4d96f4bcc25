"""``completions``: the REPL's completer (ferrous_repl/repl/context.py decides what kind of
name is wanted, candidates.py lists them) over the paused frame: its locals and upvalues come
before the globals, and a dotted path starts from them too. Read raw: completing runs no Lua."""

from __future__ import annotations

from ferrous_repl.repl.candidates import Sources, candidates
from ferrous_repl.repl.context import NONE, completion_context
from vm.inspect import FrameView
from vm.values_view import ValuesView, kind

TYPES = {"function": "function", "table": "module", "keyword": "keyword", "local": "variable"}


def complete(text: str, column: int, frame: FrameView | None, view: ValuesView) -> list[dict]:
    """DAP CompletionItems for the text before ``column`` (1-based, in UTF-16 code units as
    DAP counts by default; the same as characters outside the astral planes)."""
    before = text[:max(column - 1, 0)]
    ctx = completion_context(before)
    if ctx.kind == NONE:
        return []
    scope = _frame_names(frame)

    def names() -> list[tuple[str, object]]:
        found = dict(scope)
        for name, value in view.fields(view.globals):
            found.setdefault(name, value)
        return sorted(found.items())

    def lookup(path: tuple[str, ...]) -> object:
        if path and path[0] in scope:
            value = scope[path[0]]
            for name in path[1:]:
                value = view.field(value, name)
                if value is None:
                    return None
            return value
        return view.lookup(path)

    def string_methods() -> list[tuple[str, object]]:
        library = view.string_library()
        return view.fields(library) if library is not None else []

    sources = Sources(globals=names, lookup=lookup, fields=view.fields, string_methods=string_methods,
                      kind_of=kind, commands=lambda: [], themes=lambda: [])
    out = []
    for c in candidates(ctx, sources):
        item = {"label": c.text, "text": c.text, "type": TYPES.get(c.meta, "value"),
                "detail": "local" if c.text in scope and c.meta != "keyword" else c.meta}
        if ctx.prefix:
            item["start"] = len(before) - len(ctx.prefix)
            item["length"] = len(ctx.prefix)
        out.append(item)
    return out


def _frame_names(frame: FrameView | None) -> dict[str, object]:
    """The names visible in a frame: its active locals (a later one shadowing an earlier one),
    then its upvalues."""
    found: dict[str, object] = {}
    if frame is None:
        return found
    for r in frame.registers:
        if r.name is not None and not r.name.startswith(b"("):
            found[r.name.decode("utf-8", "surrogateescape")] = r.value
    for u in frame.upvalues:
        found.setdefault(u.name.decode("utf-8", "surrogateescape"), u.value)
    return found
