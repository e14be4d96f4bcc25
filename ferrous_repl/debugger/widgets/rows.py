"""A table-like panel (registers, upvalues, constants, varargs, globals): one line per row,
label, name, value and note, with what the last step changed marked."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ferrous_repl.debugger.snapshot import Row


class RowsPanel(Static):
    """Receives a tuple of Rows; ``empty`` is what it says when there are none. Focused (Tab,
    or a click), Up/Down move a cursor over the rows: the app's ``w`` (last write) and ``a``
    (created at) act on the row under it."""

    can_focus = True
    BINDINGS = [Binding("up", "move(-1)", show=False), Binding("down", "move(1)", show=False)]

    def __init__(self, empty: str, *, note_first: bool = False, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.empty = empty
        self.note_first = note_first  # upvalues: open/closed before a value that may be cut off
        self.rows: tuple[Row, ...] = ()
        self._key: tuple = ()
        self.cursor = 0

    def selected(self) -> Row | None:
        """The row under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def action_move(self, by: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + by))
            self._key = ()
            self.show_rows(self.rows)

    def on_focus(self) -> None:
        self._key = ()
        self.show_rows(self.rows)

    def on_blur(self) -> None:
        self._key = ()
        self.show_rows(self.rows)

    def on_click(self, event) -> None:
        if self.rows and 0 <= event.y - 1 < len(self.rows):  # inside the border
            self.cursor = event.y - 1
            self._key = ()
            self.show_rows(self.rows)

    def show_rows(self, rows: tuple[Row, ...]) -> None:
        key = _key(rows)
        if key == self._key and self.rows:
            return
        self.cursor = min(self.cursor, max(len(rows) - 1, 0))
        relayout = len(rows) != len(self.rows) or not self.rows
        self.rows = rows
        self._key = key
        if not rows:
            self.update(Content.styled(self.empty, "$text-muted"), layout=relayout)
            return
        lw = max(len(r.label) for r in rows)
        nw = min(max(len(r.name) for r in rows), 16)
        lines = []
        for r in rows:
            mark = ("*", "bold $warning") if r.changed else " "
            parts: list = [mark, (r.label.ljust(lw) + " ", "$text-muted")]
            if nw:
                parts.append((r.name[:16].ljust(nw) + " ", "bold" if r.name else ""))
            if r.note and self.note_first:
                parts.extend(((r.note, "$text-muted"), (" │ ", "$secondary")))
            parts.append(r.value)
            if r.note and not self.note_first:
                parts.append(("  " + r.note, "$text-muted"))
            if r.extra:
                parts.extend(((" │ ", "$secondary"), (r.extra, "$text-muted")))
            line = Content.assemble(*parts)
            if r.changed:
                line = line.stylize("on $warning 15%")
            if self.has_focus and len(lines) == self.cursor:
                line = line.stylize("reverse")
            lines.append(line)
        self.update(Content("\n").join(lines), layout=relayout)  # same height: no new layout

    def plain_lines(self) -> list[str]:
        """The rows as text, e.g. ``* R0 count 1`` (for tests)."""
        out = []
        for r in self.rows:
            words = [r.label, r.name, r.value.plain] if r.name else [r.label, r.value.plain]
            text = ("* " if r.changed else "  ") + " ".join(words)
            out.append(text + "".join(f"  {x}" for x in (r.note, r.extra) if x))
        return out


def _key(rows: tuple[Row, ...]) -> tuple:
    """What a row shows, comparable (Content compares by identity)."""
    return tuple((r.label, r.name, r.value.plain, tuple(r.value.spans), r.note, r.extra, r.changed)
                 for r in rows)
