"""Lua values as one-line Content for the panels: the shared pretty printer's fragments with
their styles as theme variables (``$lua-string``), large tables summarised by their size so a
step never walks a big table."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content

from ferrous_repl.pretty import Fragment, PrettyOptions, pretty, pretty_values
from vm.debugger import size_of
from vm.values_view import ValuesView, is_table

INLINE_ENTRIES = 12  # tables with more entries than this are shown by size only
_ONE_LINE = PrettyOptions(width=10_000, depth=1, items=8, string=60)


def styled(frags: Iterable[Fragment]) -> Content:
    """Pretty-printer fragments as Content coloured by the theme's ``$lua-*`` variables."""
    return Content.assemble(*((text, f"$lua-{style}") if style else text for style, text in frags))


def value_line(v: object, view: ValuesView) -> Content:
    """A value on one line: small tables inline, large ones as ``table#12 {10000 entries}``."""
    if is_table(v):
        n = size_of(v)
        if n > INLINE_ENTRIES:
            meta = view.metatable(v)
            more = f" <metatable {view.label(meta)}>" if meta is not None else ""
            return styled([("handle", view.label(v)), ("marker", more),
                           ("punct", " {"), ("marker", f"{n} entries"), ("punct", "}")])
    return styled(pretty(v, view, _ONE_LINE))


def values_block(values: list, view: ValuesView, width: int) -> Content:
    """Several values (an evaluation's results), laid out by the pretty printer."""
    return styled(pretty_values(values, view, PrettyOptions(width=max(width, 20))))


def to_rich(content: Content, variables: dict[str, str]) -> Text:
    """Content as a rich Text (for widgets that take rich labels, such as Tree), its theme
    variables replaced by the colours of the current theme."""

    def colour(style: object) -> str:
        words = str(style).split()
        return " ".join(variables.get(w[1:], "") if w.startswith("$") else w for w in words).strip()

    text = Text(content.plain)
    for span in content.spans:
        style = colour(span.style)
        if style:
            text.stylize(style, span.start, span.end)
    return text
