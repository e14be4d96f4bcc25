"""What the heap browser shows of an object: one line for it, and its children when expanded
(a table's entries, a closure's upvalues and environment), read raw."""

from __future__ import annotations

from textual.content import Content

from ferrous_repl.debugger.values import value_line
from vm.debugger import upvalues_of
from vm.values_view import ValuesView, entries, is_table, kind

CHILDREN = 200  # entries listed under an expanded table


def expandable(v: object) -> bool:
    return is_table(v) or kind(v) == "function" and _upvalues(v) is not None


def children(v: object, view: ValuesView) -> list[tuple[Content, object]]:
    """(line, value) for each child of an expanded object; values that expand again are kept."""
    out: list[tuple[Content, object]] = []
    if is_table(v):
        pairs = entries(v)  # type: ignore[arg-type]
        for k, val in pairs[:CHILDREN]:
            out.append((Content.assemble("[", value_line(k, view), "] = ", value_line(val, view)), val))
        if len(pairs) > CHILDREN:
            out.append((Content.styled(f"... {len(pairs) - CHILDREN} more entries", "$text-muted"), None))
        meta = view.metatable(v)
        if meta is not None:
            out.append((Content.assemble(("metatable ", "$text-muted"), value_line(meta, view)), meta))
        return out
    ups = _upvalues(v)
    if ups is not None:
        info = view.function_info(v)
        out.append((Content.styled(info.describe(), "$text-muted"), None))
        for name, val in ups:
            out.append((Content.assemble((f"upvalue {name} = ", "$text-muted"), value_line(val, view)), val))
    return out


def _upvalues(v: object) -> list[tuple[str, object]] | None:
    ups = upvalues_of(v)
    return None if ups is None else [(name.decode("utf-8", "replace"), val) for name, val in ups]
