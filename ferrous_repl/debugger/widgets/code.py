"""A scrolling list of code lines with a gutter, the current line marked and a cursor line
the user moves (keys or mouse): the base of the source and bytecode panels. Lines are drawn
one at a time (Textual's line API), so a long file costs only the lines on screen."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class CodeView(ScrollView, can_focus=True):
    """Lines of Content; ``current`` is the line about to run (index, or -1), ``cursor`` the
    user's line; ``marks`` the indices shown with a breakpoint dot."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "up", show=False),
        Binding("down", "cursor(1)", "down", show=False),
        Binding("pageup", "cursor(-10)", "page up", show=False),
        Binding("pagedown", "cursor(10)", "page down", show=False),
        Binding("home", "cursor(-1000000)", "first", show=False),
        Binding("end", "cursor(1000000)", "last", show=False),
    ]

    class CursorMoved(Message):
        """The cursor moved to line ``index`` (0-based) of a CodeView."""

        def __init__(self, view: CodeView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code_lines: tuple[Content, ...] = ()
        self.numbers: tuple[str, ...] = ()
        self.current = -1
        self.cursor = 0
        self.marks: frozenset[int] = frozenset()
        self.failing = False  # the current line is where an error stopped the program
        self._width = 0
        self._cut: dict[tuple[int, int], Content] = {}  # long lines cut at the right edge

    def show(self, lines: tuple[Content, ...], gutter: tuple[str, ...], current: int,
             marks: frozenset[int] = frozenset(), follow: bool = True) -> None:
        """New content (kept when the same lines come again); the current line is scrolled
        into view and the cursor put on it when ``follow``."""
        changed = lines is not self.code_lines
        if changed:
            self.code_lines = lines
            self.numbers = gutter
            self._cut.clear()
            self._width = max((len(g) + 1 + len(line.plain) for g, line in zip(gutter, lines, strict=False)),
                              default=0) + 2
            self.virtual_size = Size(self._width, len(lines))
        self.current = current
        self.marks = marks
        if follow and current >= 0:
            self.cursor = current
            if changed:  # the new size applies at the next layout: reveal the line after it
                self.call_after_refresh(self._reveal, current)
            else:
                self._reveal(current)
        self.refresh()

    def plain_lines(self) -> list[str]:
        """The lines as shown (gutter, markers and text), for tests and screen readers."""
        return [self._plain(i) for i in range(len(self.code_lines))]

    def _plain(self, i: int) -> str:
        mark = "●" if i in self.marks else " "
        arrow = (self.failing and "✖" or "▶") if i == self.current else " "
        return f"{mark}{self.numbers[i]}{arrow}{self.code_lines[i].plain}"

    def _reveal(self, index: int) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        if index < top or index >= top + height:
            self.scroll_to(y=max(0, index - height // 3), animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        if not self.code_lines:
            return
        self.cursor = max(0, min(len(self.code_lines) - 1, self.cursor + delta))
        self._reveal(self.cursor)
        self.refresh()
        self.post_message(self.CursorMoved(self, self.cursor))

    def on_click(self, event: Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.code_lines):
            self.cursor = index
            self.refresh()
            self.post_message(self.CursorMoved(self, index))

    def _visible(self, index: int, right: int) -> Content:
        """Line ``index`` up to column ``right``: a line of 200,000 characters (a generated
        chunk) is cut before it is styled, not after, so that drawing it costs the screen's
        width. Every character takes at least one cell, so ``right`` characters are enough."""
        line = self.code_lines[index]
        if len(line.plain) <= right:
            return line
        cut = self._cut.get((index, right))
        if cut is None:
            if len(self._cut) > 256:
                self._cut.clear()
            cut = self._cut[index, right] = line[:right]
        return cut

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.code_lines):
            return Strip.blank(width, base)
        mark = "bold $error" if self.failing else "bold $warning"
        gutter_style = "$text-muted" if index != self.current else mark
        line = self._visible(index, self.scroll_offset.x + width)
        pad = " " * max(0, width - len(self.numbers[index]) - 2 - len(line.plain))
        parts: list = [("●" if index in self.marks else " ", "bold $error"),
                       (self.numbers[index], gutter_style),
                       (("✖" if self.failing else "▶") if index == self.current else " ", mark), line, pad]
        content = Content.assemble(*parts)
        if index == self.current:  # an error stop shows on the line itself, not only in the status
            content = content.stylize("on $error 35%" if self.failing else "on $warning 20%")
        elif index == self.cursor and self.has_focus:
            content = content.stylize("on $primary 25%")
        elif index == self.cursor:
            content = content.stylize("on $primary 10%")
        strip = Strip(content.render_segments(self.visual_style))
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, base)
