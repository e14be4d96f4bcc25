"""The bytecode panel: the selected frame's function in ``luac -l`` form with the current pc,
and below it the current instruction explained with live values."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ferrous_repl.debugger.snapshot import FramePanels
from ferrous_repl.debugger.widgets.code import CodeView
from vm.debugger import FunctionView


def _lines(fn: FunctionView) -> tuple[tuple[Content, ...], tuple[str, ...]]:
    lines = []
    for _pc, line, text in fn.instructions:
        op, _, rest = text.partition("\t")
        operands, _, comment = rest.partition("\t")
        parts: list = [(f"[{line}] ".ljust(6), "$text-muted"), (op.strip().ljust(10), "$lua-keyword"),
                       operands.ljust(10)]
        if comment:
            parts.append((comment, "$lua-comment"))
        lines.append(Content.assemble(*parts))
    width = len(str(len(fn.instructions)))
    return tuple(lines), tuple(f"{pc + 1:>{width}} " for pc, _, _ in fn.instructions)


class ListingPanel(Vertical):
    """The listing (a CodeView) and the explanation line."""

    def compose(self) -> ComposeResult:
        yield Static("", id="listing-header", classes="panel-title")
        yield CodeView(id="listing-code")
        yield Static("", id="step-result")
        yield Static("", id="explanation")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fn: FunctionView | None = None
        self.result = ""  # what the last step did here, in words
        self.next = ""
        self.failing = False  # stopped on an error at the current instruction
        self.finished = ""  # the program has ended: how (the status line's words)
        self._cache: tuple[tuple[Content, ...], tuple[str, ...]] = ((), ())

    def show_frame(self, panels: FramePanels, marks: frozenset[int] = frozenset(),
                   follow: bool = True) -> None:
        code = self.query_one("#listing-code", CodeView)
        fn = panels.function
        code.failing = self.failing
        if fn is None:
            header = self.finished or "bytecode: (a library function: no bytecode)"
            self.query_one("#listing-header", Static).update(header)
            code.show((), (), -1)
            self.query_one("#explanation", Static).update("")
            self.query_one("#step-result", Static).update("")
            self.result = self.next = ""
            return
        if fn is not self._fn:
            self._fn = fn
            self._cache = _lines(fn)
        self.query_one("#listing-header", Static).update(Content(f"bytecode: {fn.header}"), layout=False)
        code.show(self._cache[0], self._cache[1], panels.pc, marks, follow)
        self.result = panels.result
        self.next = panels.explanation
        done = self.query_one("#step-result", Static)
        done.display = bool(panels.result)
        done.update(Content.assemble(("✓ ", "bold $success"), panels.result))
        self.query_one("#explanation", Static).update(
            Content.assemble(("▶ ", "bold $warning"), (panels.explanation, "bold")))

    @property
    def explanation(self) -> str:
        """The instruction about to run, in words."""
        return self.next

    @property
    def cursor(self) -> int:
        """The instruction (pc) the cursor is on."""
        return self.query_one("#listing-code", CodeView).cursor

    def plain_lines(self) -> list[str]:
        return self.query_one("#listing-code", CodeView).plain_lines()
