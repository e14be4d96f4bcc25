"""The source panel: the selected frame's chunk with line numbers, the current line and the
breakpoints; ``b`` (in the app) toggles a breakpoint on the cursor line, a click on the gutter
too."""

from __future__ import annotations

from textual.content import Content
from textual.events import Click
from textual.message import Message

from ferrous_repl.debugger.highlight import highlight
from ferrous_repl.debugger.widgets.code import CodeView


class SourcePanel(CodeView):
    """Shows one chunk; ``chunk`` is its name (None: no source to show)."""

    class GutterClicked(Message):
        """A click on a line number: toggle the breakpoint of that (1-based) line."""

        def __init__(self, line: int) -> None:
            super().__init__()
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chunk: bytes | None = None
        self._text: tuple[str, ...] | None = None

    def show_source(self, chunk: bytes | None, text: tuple[str, ...] | None, line: int,
                    breakpoints: frozenset[tuple[bytes | None, int]], follow: bool = True) -> None:
        """Show ``text`` (the lines of ``chunk``) with ``line`` (1-based) current."""
        self.chunk = chunk
        if text is None:
            lines: tuple[Content, ...] = (Content("(no source for this function)"),)
            self._text = None
            self.show(lines, (" " * 5,), -1)
            return
        if text is not self._text:
            self._text = text
            width = len(str(len(text)))
            self._gutter = tuple(f"{n:>{width}} " for n in range(1, len(text) + 1))
            self._lines = highlight(text)
        marks = frozenset(ln - 1 for src, ln in breakpoints if src is None or src == chunk)
        self.show(self._lines, self._gutter, line - 1 if line > 0 else -1, marks, follow)

    def on_click(self, event: Click) -> None:
        # CodeView's own handler moves the cursor; a click on the numbers also toggles
        index = self.scroll_offset.y + event.y
        on_numbers = event.x <= len(self.numbers[0]) + 1 if self.numbers else False
        if self.chunk is not None and self._text is not None and on_numbers and index < len(self.code_lines):
            self.cursor = index
            self.post_message(self.GutterClicked(index + 1))

    @property
    def cursor_line(self) -> int:
        """The 1-based line the cursor is on."""
        return self.cursor + 1
