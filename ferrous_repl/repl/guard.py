"""What the prompt calls while it draws or on a key, unable to wedge it.

prompt_toolkit calls our code on every key press and every redraw: the toolbar, the Enter key
(completeness, indentation), completion, highlighting, suggestions from history, bracket
matching. An exception there (a bug in ferrous, or a limit of Python on some input) would be
raised again at each redraw and leave the session unreachable. So each of them runs through a
PromptGuard: on a failure it degrades (no toolbar hint, the input taken as complete, no
completion, plain text) and the failure is reported once, as an internal error, after the
current input; the toolbar says that one happened meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from prompt_toolkit.auto_suggest import AutoSuggest, Suggestion
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.lexers import Lexer

from ferrous_repl.repl.evaluate import Internal, internal

T = TypeVar("T")


class PromptGuard:
    """Runs the prompt's helpers; remembers each kind of failure once, to be reported."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._pending: list[tuple[str, Internal]] = []

    def run(self, where: str, fn: Callable[[], T], fallback: T) -> T:
        try:
            return fn()
        except Exception as exc:  # RecursionError and MemoryError too: the prompt must live
            self.failed(where, exc)
            return fallback

    def failed(self, where: str, exc: BaseException) -> None:
        if where not in self._seen:
            self._seen.add(where)
            self._pending.append((where, internal(exc)))

    @property
    def notice(self) -> str:
        """For the toolbar: which helpers failed since the last report ("" when none)."""
        return ", ".join(where for where, _ in self._pending)

    def take(self) -> list[tuple[str, Internal]]:
        """The failures not reported yet (where, what), now counted as reported."""
        pending, self._pending = self._pending, []
        return pending


class GuardedCompleter(Completer):
    def __init__(self, inner: Completer, guard: PromptGuard) -> None:
        self.inner = inner
        self.guard = guard

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        try:
            found = list(self.inner.get_completions(document, complete_event))
        except Exception as exc:
            self.guard.failed("completion", exc)
            return
        yield from found


class GuardedLexer(Lexer):
    """Highlighting; the input is shown as plain text where the lexer fails."""

    def __init__(self, inner: Lexer, guard: PromptGuard) -> None:
        self.inner = inner
        self.guard = guard

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        def plain(lineno: int) -> StyleAndTextTuples:
            lines = document.lines
            return [("", lines[lineno])] if 0 <= lineno < len(lines) else []

        get_line = self.guard.run("highlighting", lambda: self.inner.lex_document(document), plain)

        def line(lineno: int) -> StyleAndTextTuples:
            return self.guard.run("highlighting", lambda: get_line(lineno), plain(lineno))

        return line

    def invalidation_hash(self) -> object:
        return self.guard.run("highlighting", self.inner.invalidation_hash, id(self))


class GuardedAutoSuggest(AutoSuggest):
    def __init__(self, inner: AutoSuggest, guard: PromptGuard) -> None:
        self.inner = inner
        self.guard = guard

    def get_suggestion(self, buffer: Buffer, document: Document) -> Suggestion | None:
        return self.guard.run("suggestions", lambda: self.inner.get_suggestion(buffer, document), None)


class GuardedProcessor(Processor):
    """An input processor (bracket matching); the fragments unchanged where it fails."""

    def __init__(self, inner: Processor, guard: PromptGuard, where: str) -> None:
        self.inner = inner
        self.guard = guard
        self.where = where

    def apply_transformation(self, transformation_input: TransformationInput) -> Transformation:
        return self.guard.run(self.where, lambda: self.inner.apply_transformation(transformation_input),
                              Transformation(transformation_input.fragments))


def guarded_processors(processors: Iterable[Processor], guard: PromptGuard,
                       where: str) -> list[Processor]:
    return [GuardedProcessor(p, guard, where) for p in processors]
