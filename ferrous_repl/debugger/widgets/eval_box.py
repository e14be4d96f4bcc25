"""The eval box: Lua typed here runs in the selected frame (its locals and upvalues visible);
the results are listed above the input. Submitting posts EvalSubmitted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class EvalBox(Vertical):
    class EvalSubmitted(Message):
        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="eval-log"):
            yield Static(Content.styled("results of evaluations (press e)", "$text-muted"), id="eval-results")
        # no select-all on focus: it comes as a message after keys already typed (`:` then `break`)
        yield Input(placeholder="e: Lua in the selected frame (locals, upvalues, globals)", id="eval-input",
                    select_on_focus=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Content] = []

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        code = event.value.strip()
        if code:
            event.input.value = ""
            self.post_message(self.EvalSubmitted(code))

    def add_result(self, code: str, frame: str, result: Content) -> None:
        self.entries.append(Content.assemble((f"[{frame}] > ", "$text-muted"), (code, "bold"), "\n", result))
        self.entries = self.entries[-50:]
        self.add_class("used")
        self.query_one("#eval-results", Static).update(Content("\n").join(self.entries))
        self.query_one("#eval-log", VerticalScroll).scroll_end(animate=False)

    def offer(self, command: str) -> None:
        """Put a command in the input, for Enter to accept (or the user to edit)."""
        field = self.query_one("#eval-input", Input)
        field.value = command
        field.cursor_position = len(command)

    @property
    def last_result(self) -> str:
        return self.entries[-1].plain.split("\n", 1)[1] if self.entries else ""
