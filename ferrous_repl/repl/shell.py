"""The REPL without its terminal: what one piece of input does.

The Shell runs Lua input and meta-commands against a session and shows what happened on a
Console (anything with ``width`` and ``show(fragments)``). The prompt_toolkit front end
(app.py) reads the input and draws; tests drive a Shell directly with a recording console.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from ferrous_repl.pretty import Fragment, PrettyOptions
from ferrous_repl.repl import evaluate
from ferrous_repl.repl.commands import REGISTRY, split
from ferrous_repl.repl.completeness import CHUNKNAME, Chunk, Empty, analyse
from ferrous_repl.repl.display import outcome_fragments
from ferrous_repl.repl.evaluate import Outcome, Stopped
from ferrous_repl.repl.output import TrackingWriter
from ferrous_repl.themes import Theme, ThemeError, find_theme, user_themes_dir
from vm.session import Session
from vm.values_view import ValuesView


def _shown(text: str) -> str:
    """Text as the terminal can take it: bytes of the input that are not UTF-8 (surrogates once
    decoded, as prompt_toolkit decodes the terminal) shown as U+FFFD; said back as they were
    (``:help <0xff>``), they failed to encode: an internal error instead of the message."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


class Console(Protocol):
    @property
    def width(self) -> int: ...

    def show(self, frags: list[Fragment]) -> None:
        """Show styled text and end the line."""


class Shell:
    """One REPL session: the Lua session, the last chunk, the theme, and the commands."""

    def __init__(self, session: Session, console: Console, out: TrackingWriter, theme: Theme,
                 make_session: Callable[[], Session],
                 on_theme: Callable[[Theme], None] | None = None, stdin: object | None = None) -> None:
        self.console = console
        self.stdin = stdin  # the program's standard input, when not the process's
        self.out = out
        self.theme = theme
        self.make_session = make_session
        self.on_theme = on_theme
        self.running = True
        self.stopped_by_ctrl_c = False  # the last report was of a run Ctrl-C stopped
        self.last_chunk: object | None = None
        self.redis: object | None = None  # a vm.redis.console.RedisConsole in `ferrous redis repl`
        self.help_intro: str | None = None  # :help's first lines, when not the Lua REPL's
        # keys typed while something else read the terminal (the debugger of :debug), for the
        # next prompt (app.py gives them to it)
        self.typed_ahead: Callable[[str], None] | None = None
        self._use(session)
        self.library_names = {name for name, _ in self.view.fields(self.view.globals)}

    def _use(self, session: Session) -> None:
        session.interruptible = True
        session.state.out = self.out  # the embedding's stream for print and io.write
        if self.stdin is not None:
            session.state.stdin = self.stdin
        self.session = session
        self.view = ValuesView(session)

    # --- input ------------------------------------------------------------------------------

    def execute(self, text: str) -> None:
        """Run one accepted input: a meta-command or a Lua chunk."""
        parts = split(text)
        if parts is not None:
            name, arg = parts
            cmd = REGISTRY.get(name)
            if cmd is None:
                self.say(f"unknown command :{name} (:help lists the commands)", "error")
                return
            try:
                cmd.run(self, arg)
            except Exception as exc:  # a bug in a command must not end the session
                self.report(evaluate.internal(exc))
            return
        self.run_input(text)

    def run_input(self, text: str) -> Outcome | None:
        """Run Lua input (an expression's values are shown); None when it was empty."""
        verdict = analyse(text)
        if isinstance(verdict, Empty):
            return None
        # incomplete or invalid input was forced: compiling it as a statement says what is wrong
        source = verdict.source if isinstance(verdict, Chunk) else text.encode("utf-8", "surrogateescape")
        return self.run_chunk(source, CHUNKNAME)

    def _loader(self) -> Session:
        """What compiles input: the session, or in Redis mode the console (session locals)."""
        return self.redis if self.redis is not None else self.session  # type: ignore[return-value]

    def run_chunk(self, source: bytes, chunkname: bytes) -> Outcome:
        return self._run_loaded(evaluate.load(self._loader(), source, chunkname))

    def run_file(self, path: str) -> Outcome:
        return self._run_loaded(evaluate.load_file(self.session, path))

    def _run_loaded(self, fn: object) -> Outcome:
        """Call what was loaded (it becomes the last chunk), or report why it did not load."""
        if isinstance(fn, Outcome):
            self.report(fn)
            return fn
        self.last_chunk = fn
        return self.call(fn)

    def call(self, fn: object) -> Outcome:
        outcome = evaluate.call(self.session, fn)
        self.report(outcome)
        return outcome

    def evaluate(self, expr: str) -> Outcome:
        """The values of an expression, not shown (for commands that take one)."""
        fn = evaluate.load(self._loader(), b"return " + expr.encode("utf-8", "surrogateescape"), CHUNKNAME)
        if isinstance(fn, Outcome):
            return fn
        return evaluate.call(self.session, fn)

    # --- showing ----------------------------------------------------------------------------

    def pretty_options(self, **changes: int) -> PrettyOptions:
        return replace(PrettyOptions(width=max(self.console.width - 1, 20)), **changes)

    def report(self, outcome: Outcome) -> None:
        self.stopped_by_ctrl_c = isinstance(outcome, Stopped) and outcome.by_ctrl_c
        if isinstance(outcome, Stopped) and outcome.echoed:
            self.out.at_line_start = False  # the terminal echoed ^C: start a new line
        if self.redis is not None:  # replies and Lua values, each said for what it is
            from ferrous_repl.redis_repl import outcome_fragments as redis_fragments

            frags = redis_fragments(outcome, self.view, self.pretty_options(), self.redis.resp)  # type: ignore[attr-defined]
        else:
            frags = outcome_fragments(outcome, self.view, self.pretty_options())
        if frags:
            self.show(frags)
        else:
            self.out.finish_line()

    def show(self, frags: list[Fragment]) -> None:
        self.out.finish_line()
        self.console.show([(style, _shown(text)) for style, text in frags])

    def say(self, text: str, style: str = "") -> None:
        self.show([(style, text)])

    # --- state ------------------------------------------------------------------------------

    def set_theme(self, name: str) -> Theme | ThemeError:
        found = find_theme(name)
        if isinstance(found, Theme):
            self.theme = found
            if self.on_theme is not None:
                self.on_theme(found)
        return found

    @staticmethod
    def user_themes_hint() -> str:
        return str(user_themes_dir())

    def reset(self) -> None:
        self._use(self.make_session())
        self.last_chunk = None
