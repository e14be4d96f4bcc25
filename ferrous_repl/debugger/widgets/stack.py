"""The call stack: frames innermost first (5.1's names, source:line), then the coroutines with
their status. Selecting a frame posts FrameSelected."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ferrous_repl.debugger.snapshot import StackRow


class StackPanel(OptionList):
    class FrameSelected(Message):
        def __init__(self, depth: int) -> None:
            super().__init__()
            self.depth = depth

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[tuple[StackRow, ...], tuple[str, ...]] = ((), ())

    def show_stack(self, rows: tuple[StackRow, ...], coroutines: tuple[str, ...], selected: int) -> None:
        old_rows, old_coroutines = self._rows
        if (rows, coroutines) != self._rows:
            self._rows = (rows, coroutines)
            if len(rows) == len(old_rows) and coroutines == old_coroutines:
                # usually only the innermost frame's line moved: change those prompts in place
                for i, (new, old) in enumerate(zip(rows, old_rows, strict=True)):
                    if new != old:
                        self.replace_option_prompt_at_index(i, _line(new.text))
                self.refresh()
            else:
                options: list = [Option(_line(r.text), id=f"frame-{r.depth}") if r.depth >= 0
                                 else Option(_line(r.text, "dim"), disabled=True) for r in rows]
                if coroutines:
                    options.append(None)
                    options.extend(Option(_line(f"coroutine {c}"), disabled=True) for c in coroutines)
                self.set_options(options)
        if rows:
            at = next((i for i, r in enumerate(rows) if r.depth == selected), 0)
            self.highlighted = at

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("frame-"):
            self.post_message(self.FrameSelected(int(oid[6:])))

    def plain_lines(self) -> list[str]:
        """The rows as shown (frames, separators, then the coroutines), for tests."""
        rows, coroutines = self._rows
        return [r.text for r in rows] + [f"coroutine {c}" for c in coroutines]


def _line(text: str, style: str = "") -> Text:
    """A row as plain text (no markup: ``[C]`` is a source name), cut at the panel's edge."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")
