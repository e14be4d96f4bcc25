"""The prompt cannot be wedged: a 12 KB pasted line, and helpers that fail on every key.

Unit tests of the guarded helpers, then the real REPL in tmux: a long line pasted as a terminal
pastes it (bracketed paste), and a REPL whose completeness check, completion, highlighting,
indentation, suggestions and bracket matching all raise RecursionError on some input (injected
by a sitecustomize module, as a bug would): the session, its globals and its history stay
reachable, and the failure is reported once.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from prompt_toolkit.auto_suggest import AutoSuggest
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.completion import CompleteEvent, Completer
from prompt_toolkit.document import Document
from prompt_toolkit.layout.processors import Processor, TransformationInput
from prompt_toolkit.lexers import Lexer

from ferrous_repl.repl.guard import (
    GuardedAutoSuggest,
    GuardedCompleter,
    GuardedLexer,
    GuardedProcessor,
    PromptGuard,
)

REPO = Path(__file__).resolve().parents[3]


class _Failing(Completer, Lexer, AutoSuggest, Processor):
    def get_completions(self, document, complete_event):  # type: ignore[override]
        yield from ()
        raise RecursionError("maximum recursion depth exceeded")

    def lex_document(self, document):  # type: ignore[override]
        raise RecursionError("maximum recursion depth exceeded")

    def get_suggestion(self, buffer, document):  # type: ignore[override]
        raise RecursionError("maximum recursion depth exceeded")

    def apply_transformation(self, transformation_input):  # type: ignore[override]
        raise RecursionError("maximum recursion depth exceeded")


def test_guarded_helpers_degrade_and_report_once() -> None:
    guard = PromptGuard()
    failing = _Failing()
    doc = Document("x = 1\ny = 2")
    for _ in range(3):  # as on every key press
        assert list(GuardedCompleter(failing, guard).get_completions(doc, CompleteEvent())) == []
        line = GuardedLexer(failing, guard).lex_document(doc)
        assert line(1) == [("", "y = 2")]  # plain text
        assert GuardedAutoSuggest(failing, guard).get_suggestion(Buffer(), doc) is None
        fragments = [("", "x = 1")]
        ti = TransformationInput(None, doc, 0, lambda i: i, fragments, 80, 1)  # type: ignore[arg-type]
        assert GuardedProcessor(failing, guard, "bracket matching").apply_transformation(ti).fragments \
            == fragments
    assert guard.notice == "completion, highlighting, suggestions, bracket matching"
    taken = guard.take()
    assert [where for where, _ in taken] == ["completion", "highlighting", "suggestions", "bracket matching"]
    assert all(failure.summary.startswith("RecursionError") for _, failure in taken)
    assert guard.notice == "" and guard.take() == []
    list(GuardedCompleter(failing, guard).get_completions(doc, CompleteEvent()))
    assert guard.take() == []  # reported once for the session


def test_a_pasted_12_kb_line_runs_and_the_session_goes_on(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    line = "x = 0" + "+1" * 6000  # 12 KB, one line
    pane.paste(line)
    pane.wait(r"1\+1\+1$")
    pane.wait(r"mode: lua")  # the toolbar still answers
    pane.keys("Enter")
    pane.wait_prompt()
    pane.line("x")
    pane.wait(r"^6000$")
    pane.paste("return 0" + "+1" * 6000)  # as an expression, its value shown
    pane.keys("Enter")
    pane.wait(r"^6000$")
    pane.wait_prompt()
    pane.keys("C-l")  # a clear screen
    pane.wait(lambda s: "6000" not in s)
    pane.keys("Up")  # the history holds it
    pane.wait(r"\+1\+1\+1$")
    pane.keys("Enter")
    pane.wait(r"^6000$")
    pane.wait_prompt()
    pane.keys("C-d")
    pane.wait(r"^\[exited 0\]$")


FAULTS = textwrap.dedent('''
    """Test-only: every helper the prompt calls raises RecursionError on input holding FAULT."""
    import ferrous_repl.repl.completeness as completeness
    import ferrous_repl.repl.completer as completer
    import ferrous_repl.repl.indent as indent
    import ferrous_repl.repl.lexer as lexer
    from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
    from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor

    def failing(original, text_of):
        def wrapper(*args, **kwargs):
            if "FAULT" in text_of(*args):
                raise RecursionError("maximum recursion depth exceeded")
            return original(*args, **kwargs)
        return wrapper

    completeness.analyse = failing(completeness.analyse, lambda text: text)
    completer.completion_context = failing(completer.completion_context, lambda text, *a: text)
    indent.newline = failing(indent.newline, lambda text: text)
    lexer.LuaLexer.lex_document = failing(lexer.LuaLexer.lex_document, lambda self, doc: doc.text)
    AutoSuggestFromHistory.get_suggestion = failing(AutoSuggestFromHistory.get_suggestion,
                                                    lambda self, buf, doc: doc.text)
    HighlightMatchingBracketProcessor.apply_transformation = failing(
        HighlightMatchingBracketProcessor.apply_transformation,
        lambda self, ti: ti.document.text)
''')


def test_failing_helpers_never_wedge_the_prompt(start_repl, tmp_path: Path) -> None:
    faults = tmp_path / "faults"
    faults.mkdir()
    (faults / "sitecustomize.py").write_text(FAULTS)
    pane = start_repl(env={"PYTHONPATH": f"{faults}:{REPO}"})
    pane.wait_prompt()
    pane.line("kept = 'before'")
    pane.wait_prompt()
    pane.type("s = 'FAULT' .. (")  # every helper fails from the first key of the string on
    pane.wait(r"mode:  │ internal error in ")  # no mode: the toolbar's check failed
    pane.keys("Enter")  # the completeness check fails: taken as complete, the compiler says why
    report = re.compile(r"while editing, in (.*?): RecursionError.*internal error "
                        r"\(a bug in ferrous\): RecursionError")
    screen = pane.wait(lambda s: report.search(s.replace("\n", "")) is not None)
    editing = report.search(screen.replace("\n", "")).group(1)  # type: ignore[union-attr]
    assert sorted(editing.split(", ")) == ["bracket matching", "completion", "highlighting",
                                           "suggestions", "the Enter key", "the toolbar"]
    pane.wait_prompt()
    pane.line("kept")
    pane.wait(r'^"before"$')
    pane.line("after = 'FAULT'")  # runs: compiling it fails inside the REPL, reported
    pane.wait_prompt()
    pane.line("kept .. '!'")
    pane.wait(r'^"before!"$')
    pane.keys("Up", "Up")
    pane.wait(r"^> after = 'FAULT'")  # the history is reachable
    pane.keys("C-c")
    pane.wait_prompt()
    pane.keys("C-d")
    pane.wait(r"^\[exited 0\]$")


def test_escape_sequences_typed_raw_are_text_not_a_crash(start_repl) -> None:
    """``ESC [ 3 1 m`` (a colour) typed or pasted without bracketed paste looks to
    prompt_toolkit like a mouse report; its handler could not parse it and put a Python
    traceback on the screen ("Press ENTER to continue"). The REPL asks for no mouse reports:
    the text goes in as typed, the escape key left out."""
    pane = start_repl()
    pane.wait_prompt()
    pane.type('x = "\x1b[31mred\x1b[0m" .. "\x1b[Mabc\x1b[<99;1;1M"\r')
    pane.wait_prompt()
    pane.line("x")
    screen = pane.wait(r'^"\[31mred\[0m\[Mabc\[<99;1;1M"$')
    assert "Traceback" not in screen and "Press ENTER" not in screen, screen
