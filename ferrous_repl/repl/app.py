"""The REPL on a terminal: a prompt_toolkit session around a Shell.

Enter runs the input when it is complete (completeness.py) and the cursor is at its end (or the
input is one line), and otherwise adds an indented line; Alt-Enter runs it as it is. Ctrl-C
clears the input (while Lua runs, it stops the run: evaluate.py); Ctrl-D on an empty line
leaves. Tab completes from the live VM, Ctrl-R searches the history, suggestions from history
appear in grey (Right accepts them). Whatever the prompt calls while it draws or on a key runs
through a PromptGuard (guard.py): a failure there degrades and is reported, the session lives.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections import deque
from collections.abc import Callable
from typing import BinaryIO

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import has_focus
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import History
from prompt_toolkit.input.typeahead import clear_typeahead
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
from prompt_toolkit.styles import Style

from ferrous_repl.pretty import Fragment, for_prompt_toolkit
from ferrous_repl.repl import early, indent, program_input, typeahead
from ferrous_repl.repl.commands import needs_more, split
from ferrous_repl.repl.completer import LuaCompleter
from ferrous_repl.repl.evaluate import Failed, Internal, Stopped, internal
from ferrous_repl.repl.guard import (
    GuardedAutoSuggest,
    GuardedCompleter,
    GuardedLexer,
    PromptGuard,
    guarded_processors,
)
from ferrous_repl.repl.history import open_history
from ferrous_repl.repl.lexer import LuaLexer
from ferrous_repl.repl.output import TrackingWriter
from ferrous_repl.repl.shell import Shell
from ferrous_repl.repl.style import color_depth, repl_style
from ferrous_repl.themes import DEFAULT_THEME, Theme, broken_user_themes, find_theme, load_theme
from vm.session import Session

PROMPT = early.PROMPT
CONTINUATION = ". "
BANNER = early.BANNER
REDIS_BANNER = ("ferrous redis · Lua runs as a Redis 7 script (redis.call, KEYS, ARGV, cjson ...) · "
                ":redis COMMAND · Ctrl-D leaves")


class TerminalConsole:
    """Shows fragments on the terminal with the current theme's style."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.depth = color_depth()

    @property
    def width(self) -> int:
        return shutil.get_terminal_size().columns

    def show(self, frags: list[Fragment]) -> None:
        print_formatted_text(FormattedText(for_prompt_toolkit(frags)), style=self.style,
                             color_depth=self.depth, include_default_pygments_style=False)


def _enter_adds_a_line(b: Buffer) -> str | None:
    """What Enter does to the buffer: moves a leading `end` out, then either the indentation of
    the line to add, or None when the input is to run."""
    line, new_indent = indent.newline(b.document.text_before_cursor)
    current = b.document.current_line_before_cursor
    if line != current:  # a line starting with `end` moves out a level
        b.delete_before_cursor(len(current))
        b.insert_text(line)
    at_end = not b.document.text_after_cursor.strip() or "\n" not in b.text
    if at_end and not needs_more(b.text):
        return None
    return new_indent


def _key_bindings(guard: PromptGuard) -> KeyBindings:
    kb = KeyBindings()
    editing = has_focus(DEFAULT_BUFFER)  # not while searching the history (Enter ends the search)

    @kb.add("enter", filter=editing)
    def _enter(event: KeyPressEvent) -> None:
        b = event.current_buffer
        if b.complete_state is not None and b.complete_state.current_completion is not None:
            b.complete_state = None  # Enter takes the completion chosen in the menu
            return
        # if the completeness check fails, the input is taken as complete: it runs, and the
        # compiler says what is wrong with it
        new_indent = guard.run("the Enter key", lambda: _enter_adds_a_line(b), None)
        if new_indent is None:
            b.validate_and_handle()
            return
        b.insert_text("\n" + new_indent)

    @kb.add("escape", "enter", filter=editing)
    def _run_as_is(event: KeyPressEvent) -> None:
        event.current_buffer.validate_and_handle()

    @kb.add(Keys.Vt100MouseEvent)
    def _not_a_mouse(event: KeyPressEvent) -> None:
        """The REPL asks for no mouse reports: what prompt_toolkit takes for one is text typed or
        pasted without bracketed paste (``ESC [ 3 1 m``, a colour), which its mouse handler
        failed to parse: a Python traceback on the screen, then "Press ENTER to continue". It
        is inserted as typed, the escape key left out as unbound escape sequences leave it."""
        event.current_buffer.insert_text(event.data[1:])

    return kb


def _mode(shell: Shell, text: str) -> str:
    if split(text) is not None:
        return "command"
    if needs_more(text):
        return "more input"
    return "redis" if shell.redis is not None else "lua"


def _toolbar(repl: _Repl, buffer: Buffer, guard: PromptGuard) -> Callable[[], list[tuple[str, str]]]:
    def render() -> list[tuple[str, str]]:
        if repl.shell is None:  # the first prompt: no session yet, nothing typed
            mode, theme = ("redis" if repl.redis is not None else "lua"), repl.theme.name
        else:
            mode = guard.run("the toolbar", lambda: _mode(repl.get(), buffer.text), "")
            theme = repl.get().theme.name
        frags = [("class:bottom-toolbar.title", " ferrous "),
                 ("", f" theme: {theme} │ mode: "), ("class:bottom-toolbar.mode", mode)]
        if guard.notice:  # said after this input; the hint would hide it on a narrow terminal
            frags.append(("class:bottom-toolbar.mode", f" │ internal error in {guard.notice} "))
        else:
            frags.append(("", " │ Tab · ^R history · :help "))
        return frags
    return render


def pick_theme(say: Callable[[str], None]) -> Theme:
    """$FERROUS_THEME, else the default; broken user theme files are reported and skipped."""
    for problem in broken_user_themes():
        say(f"{problem} (skipped)")
    wanted = os.environ.get("FERROUS_THEME") or DEFAULT_THEME
    found = find_theme(wanted)
    if isinstance(found, Theme):
        return found
    say(f"{found}; using '{DEFAULT_THEME}'")
    fallback = load_theme(DEFAULT_THEME)
    assert isinstance(fallback, Theme), str(fallback)
    return fallback


class _FittingPrompt(PromptSession):
    """A prompt whose room kept for the completion menu (8 rows) fits the terminal: on one of
    5 rows or fewer, the prompt and its toolbar no longer fitted beside it, and the whole
    screen said "Window too small..." instead of what was typed."""

    MENU_ROWS = 8

    @property
    def reserve_space_for_menu(self) -> int:  # type: ignore[override]
        try:
            rows = self.app.output.get_size().rows
        except Exception:  # no output yet (or none that knows its size): the default
            return self.MENU_ROWS
        return max(0, min(self.MENU_ROWS, rows - 3))  # the prompt, the toolbar, a spare row

    @reserve_space_for_menu.setter
    def reserve_space_for_menu(self, value: int) -> None:
        self.MENU_ROWS = value


def _prompt_session(repl: _Repl, style: Style, lexer: LuaLexer, history: History,
                    guard: PromptGuard) -> PromptSession:
    prompt: PromptSession = _FittingPrompt(
        message=[("class:prompt", PROMPT)],
        multiline=True,
        prompt_continuation=lambda width, line, soft: [("class:continuation", CONTINUATION.rjust(width))],
        lexer=GuardedLexer(lexer, guard),
        completer=GuardedCompleter(LuaCompleter(lambda: repl.get().view), guard),
        complete_while_typing=True,
        auto_suggest=GuardedAutoSuggest(AutoSuggestFromHistory(), guard),
        history=history,
        search_ignore_case=True,
        key_bindings=_key_bindings(guard),
        input_processors=guarded_processors([HighlightMatchingBracketProcessor(chars="[](){}")],
                                            guard, "bracket matching"),
        style=style,
        include_default_pygments_style=False,
        color_depth=color_depth(),
        enable_open_in_editor=True,  # Ctrl-X Ctrl-E: edit the input in $EDITOR
        enable_suspend=True,  # Ctrl-Z suspends, as in lua5.1 (it typed a ^Z into the input)
    )
    prompt.bottom_toolbar = _toolbar(repl, prompt.default_buffer, guard)

    def first_drawn(app: object) -> None:
        prompt.app.after_render -= first_drawn
        guard.run("starting the session", repl.get, None)  # while the user reads the prompt
        lexer.preload()  # Pygments' lexer, in a thread

    prompt.app.after_render += first_drawn
    return prompt


class _Repl:
    """The Shell, made when first needed: ``ferrous`` alone shows its first prompt before it
    makes its Lua session (the libraries take a good part of the start-up time), and makes it
    as soon as that prompt is on the screen."""

    def __init__(self, make: Callable[[], Shell], theme: Theme, redis: object | None) -> None:
        self.make = make
        self.theme = theme
        self.redis = redis
        self.shell: Shell | None = None

    def get(self) -> Shell:
        if self.shell is None:
            self.shell = self.make()
        return self.shell


def main(session: Session | None, out: BinaryIO, err: BinaryIO, *,
         redis: object | None = None) -> int:
    """Run the REPL on the terminal until Ctrl-D or :quit; returns the exit status. With
    ``redis`` (a vm.redis.console.RedisConsole), input runs in Redis's scripting environment
    and :redis sends raw commands. Without ``session``, the REPL makes its own once its first
    prompt is drawn, and closes it at the end (lua_close: pending finalizers run)."""
    warnings: list[str] = []
    theme = pick_theme(warnings.append)
    console = TerminalConsole(repl_style(theme))
    writer = TrackingWriter(out)

    def themed(new: Theme) -> None:
        console.style = repl_style(new)
        for prompt in prompts:
            prompt.style = console.style

    def fresh_session() -> Session:
        fresh = redis.reset() if redis is not None else Session(writer)  # type: ignore[attr-defined]
        fresh.state.err = err
        return fresh

    drawn = early.take()  # the banner and prompt written before prompt_toolkit was imported
    # quiet between prompts (typeahead.py); the settings to give back: those before the early prompt
    terminal = typeahead.QuietTerminal.of_stdin(drawn.saved if drawn is not None else None)
    prompts: list[PromptSession] = []
    stdin = None
    if terminal is not None:
        def typed_ahead() -> bytes:  # for the program's reads, those the prompt holds too
            return program_input.typed_ahead_bytes(prompts[0].input, terminal.fd)

        stdin = program_input.EchoingInput(sys.stdin.buffer, terminal, typed_ahead, writer)

    def make_shell() -> Shell:
        made = Shell(session if session is not None else fresh_session(), console, writer, theme,
                     fresh_session, themed, stdin)
        made.typed_ahead = lambda text: program_input.give_back(
            prompts[0].input, text.encode("utf-8", "surrogateescape"))
        if redis is not None:
            from ferrous_repl.redis_repl import attach

            attach(made, redis)
        return made

    repl = _Repl(make_shell, theme, redis)
    if session is not None:
        repl.get()
    history, problem = open_history()
    if problem:
        warnings.append(problem)
    guard = PromptGuard()
    prompt = _prompt_session(repl, console.style, LuaLexer(), history, guard)
    prompts.append(prompt)
    if drawn is not None:
        drawn.hand_over()  # drawn again here, in colour, with the prompt_toolkit prompt
    elif terminal is not None:
        terminal.between()
    try:
        _loop(repl, prompt, console, guard, warnings, redis, drawn, terminal)
    finally:
        if drawn is not None:
            drawn.restore()
        if terminal is not None:
            terminal.restore()
    writer.finish_line()
    sys.stdout.flush()
    if session is None and repl.shell is not None:
        _close(repl.shell)
    return 0


def _loop(repl: _Repl, prompt: PromptSession, console: TerminalConsole, guard: PromptGuard,
          warnings: list[str], redis: object | None, drawn: early.EarlyPrompt | None,
          terminal: typeahead.QuietTerminal | None) -> None:
    """The banner, then read and run input until Ctrl-D or :quit. ``drawn``: the early first
    prompt, whose terminal settings are given back once the first input is read; ``terminal``:
    quiet between prompts, Ctrl-C a signal only while input runs (typeahead.py)."""
    console.show([("traceback", BANNER if redis is None else REDIS_BANNER)])
    for warning in warnings:
        console.show([("error", warning)])
    while True:
        try:
            text = prompt.prompt(pre_run=lambda: guard.run(
                "loading the history", lambda: _history_at_hand(prompt.default_buffer), None))
        except KeyboardInterrupt:
            continue  # Ctrl-C at the prompt: the input is dropped, a fresh prompt
        except EOFError:
            break
        finally:
            if drawn is not None:  # the terminal as it was (then quiet), for the input to run
                drawn.restore()
                drawn = None
                if terminal is not None:
                    terminal.between()
            if guard.notice:
                _report_editing_failures(repl.get(), guard)
        shell = repl.get()
        shell.stopped_by_ctrl_c = False
        if terminal is None:
            _execute(shell, text)
        else:
            try:
                with terminal.running():
                    if program_input.ctrl_c_typed(prompt.input, terminal.fd):
                        # Ctrl-C since the Enter, a key until now: the input does not run (it
                        # waited for the next prompt, and the run for a second Ctrl-C); the
                        # keys typed after it stay
                        shell.report(Stopped("interrupted (before it ran)", True))
                        shell.stopped_by_ctrl_c = False
                    else:
                        _execute(shell, text)
            except KeyboardInterrupt:  # Ctrl-C as the run ended, after _execute's own care
                terminal.between()
                shell.report(Stopped("interrupted", True))
        if isinstance(shell.stdin, program_input.EchoingInput):
            # lines typed ahead that the program did not read: the next prompt's, as the
            # terminal leaves them to lua5.1's line editor
            program_input.give_back(prompt.input, shell.stdin.take_held())
        if shell.stopped_by_ctrl_c:
            # the terminal dropped the keys typed ahead when Ctrl-C was pressed; those the
            # prompt had read with the input (a burst: the next line's start) go too
            clear_typeahead(prompt.input)
        if not shell.running:
            break


def _history_at_hand(buffer: Buffer) -> None:
    """The history in the buffer before the keys typed ahead are replayed. prompt_toolkit
    loads it in a task started at the prompt's first repaint, after those keys have gone
    through: an Up typed in the same burst as the Enter before it, or while that input ran,
    found no history and was lost (and the Enter after it ran an empty line). From the second
    prompt on, the history's strings are at hand: they go in at once, and the task is marked
    done. Private parts of prompt_toolkit's Buffer: a failure is the guard's (the task stays)."""
    lines = buffer.history.get_strings()  # [] until the first prompt has loaded them
    if not lines or buffer._load_history_task is not None:
        return
    loaded: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    loaded.set_result(None)
    buffer._working_lines = deque([*lines, buffer.text])
    buffer._load_history_task = loaded
    buffer.working_index = len(lines)


def _close(shell: Shell) -> None:
    """lua_close on the REPL's own session: finalizers still pending run (an error in one is
    shown, as lua.c shows it)."""
    from vm.errors import LuaError

    try:
        shell.session.close()
    except LuaError as exc:
        shell.report(Failed(exc.value, exc.traceback))
    except Exception as exc:
        shell.report(internal(exc))


def _report_editing_failures(shell: Shell, guard: PromptGuard) -> None:
    """What failed while the input was edited, in one report per kind of failure."""
    by_summary: dict[str, list[tuple[str, Internal]]] = {}
    for where, failure in guard.take():
        by_summary.setdefault(failure.summary, []).append((where, failure))
    for summary, failures in by_summary.items():
        places = ", ".join(where for where, _ in failures)
        details = "\n".join(f"{where}:\n{failure.details}" for where, failure in failures)
        shell.report(Internal(f"while editing, in {places}: {summary}", details))


def _execute(shell: Shell, text: str) -> None:
    """Run accepted input; whatever goes wrong outside Lua (a bug in ferrous, Ctrl-C while a
    big chunk compiles) is reported and the session goes on."""
    try:
        shell.execute(text)
    except KeyboardInterrupt:
        shell.report(Stopped("interrupted", True))  # echo is off while input runs: no ^C shown
    except Exception as exc:
        shell.report(internal(exc))
