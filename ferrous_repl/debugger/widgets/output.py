"""The program's output (what print and io.write wrote), rewound with the program."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class OutputPanel(VerticalScroll):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text: str | None = None  # nothing shown yet
        self._body = Static("", classes="output-body")

    def compose(self):
        yield self._body

    def show_output(self, text: str, with_log: Content | None = None) -> None:
        """Show the program's output so far (scrolled to its end); ``with_log``: the same with
        the lines logpoints wrote, when there are some."""
        shown = with_log.markup if with_log is not None else text
        if shown == self.text:
            return
        self.text = shown
        if with_log is not None:
            self._body.update(with_log)
        else:
            self._body.update(Content(text) if text else Content.styled("(no output yet)", "$text-muted"))
        self.scroll_end(animate=False, immediate=True)
