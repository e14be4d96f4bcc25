"""The key help (``?``), generated from the app's bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

EXTRA = (("up/down, click", "move the cursor line in the source or bytecode panel"),
         ("tab", "move between panels"),
         ("enter / click", "select a frame in the call stack: every panel follows it"),
         ("escape", "leave the eval box"))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "close")]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = bindings

    def compose(self) -> ComposeResult:
        width = max(len(k) for k, _ in (*self.keys, *EXTRA))
        lines = [Content.styled("ferrous debug: keys", "bold $primary"), Content("")]
        for key, what in (*self.keys, *EXTRA):
            lines.append(Content.assemble((key.ljust(width + 2), "bold $accent"), what))
        lines.append(Content(""))
        lines.append(Content.styled("▶ current line / pc   ● breakpoint   * changed by the last step",
                                    "$text-muted"))
        with VerticalScroll(id="help"):
            yield Static(Content("\n").join(lines))

    def on_click(self) -> None:
        self.dismiss()
