"""Meta-commands (``:name argument``): one registry, which also writes ``:help``.

Each command declares the kind of its argument: Lua code or an expression (completed as Lua,
and Enter waits for it to be complete), a theme name, a file name, a command name, or nothing.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ferrous_repl.pretty import Fragment, pretty
from ferrous_repl.repl.completeness import is_incomplete
from ferrous_repl.repl.context import ARG_LUA, COMMAND, FILE, THEME
from ferrous_repl.repl.evaluate import Returned
from ferrous_repl.themes import Theme, ThemeError, all_themes, find_theme
from vm.values_view import ViewError

if TYPE_CHECKING:
    from ferrous_repl.repl.shell import Shell

_HEAD = re.compile(r"[ \t]*:([A-Za-z]*)(.*)", re.DOTALL)
_HANDLE = re.compile(r"(?:[a-z]*#)?(\d+)")


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    usage: str  # ":dis [expr]"
    summary: str  # one line for :help
    arg: str | None  # the argument's kind (context.ARG_LUA, THEME, FILE, COMMAND) or None
    run: Callable[[Shell, str], None]
    details: str = ""  # more for ":help name"


class Registry:
    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}

    def command(self, name: str, usage: str, summary: str, arg: str | None = None,
                details: str = "") -> Callable[[Callable[[Shell, str], None]], Callable[[Shell, str], None]]:
        def register(fn: Callable[[Shell, str], None]) -> Callable[[Shell, str], None]:
            self._commands[name] = Command(name, usage, summary, arg, fn, details)
            return fn
        return register

    def get(self, name: str) -> Command | None:
        return self._commands.get(name)

    def all(self) -> list[Command]:
        return list(self._commands.values())

    def arg_kinds(self) -> dict[str, str]:
        return {c.name: c.arg for c in self._commands.values() if c.arg is not None}

    def code_commands(self) -> frozenset[str]:
        """Commands whose argument is Lua: Enter waits until it is complete."""
        return frozenset(c.name for c in self._commands.values() if c.arg == ARG_LUA)

    def help(self, name: str = "", intro: str | None = None) -> list[Fragment]:
        if name:
            cmd = self.get(name.lstrip(":"))
            if cmd is None:
                return [("error", f"no command :{name.lstrip(':')} (:help lists them)")]
            more = f"\n  {cmd.details}" if cmd.details else ""
            return [("key", cmd.usage), ("", f"\n  {cmd.summary}{more}")]
        width = max(len(c.usage) for c in self._commands.values())
        frags: list[Fragment] = [("", intro or "Type Lua statements or expressions; Enter runs them "
                                               "once they are complete.\nEach input is a chunk: its "
                                               "locals end with it, globals stay (as in lua5.1).\n")]
        for c in self._commands.values():
            frags += [("key", c.usage.ljust(width)), ("", f"  {c.summary}\n")]
        frags.append(("traceback", "Keys: Tab completes, Ctrl-R searches the history, Alt-Enter runs "
                                   "the input as it is,\nCtrl-C stops a run or clears the input, "
                                   "Ctrl-D leaves."))
        return frags


def split(text: str) -> tuple[str, str] | None:
    """``(name, argument)`` when text is a meta-command (it starts with ':'), else None."""
    m = _HEAD.fullmatch(text)
    if m is None:
        return None
    return m.group(1), m.group(2).strip()


REGISTRY = Registry()
command = REGISTRY.command


def needs_more(text: str) -> bool:
    """Whether Enter should add a line: Lua input, or a command's Lua argument, is incomplete."""
    parts = split(text)
    if parts is None:
        return is_incomplete(text)
    name, arg = parts
    return name in REGISTRY.code_commands() and bool(arg) and is_incomplete(arg)


@command("help", ":help [command]", "list the commands, or explain one", arg=COMMAND)
def _help(shell: Shell, arg: str) -> None:
    shell.show(REGISTRY.help(arg, shell.help_intro))


@command("dis", ":dis [-l] [expr]", "bytecode listing (luac -l) of a function, or of the last chunk",
         arg=ARG_LUA, details="-l adds the constants, locals and upvalues (luac -l -l).")
def _dis(shell: Shell, arg: str) -> None:
    full = arg == "-l" or arg.startswith("-l ")
    expr = arg[2:].strip() if full else arg
    if not expr:
        fn = shell.last_chunk
        if fn is None:
            shell.say("no chunk has run yet: :dis EXPR lists a function", "error")
            return
    else:
        outcome = shell.evaluate(expr)
        if not isinstance(outcome, Returned):
            shell.report(outcome)
            return
        fn = outcome.values[0] if outcome.values else None
    try:
        shell.say(shell.view.listing(fn, full).strip("\n"))
    except ViewError as exc:
        shell.say(f"{exc} (:dis lists Lua functions)", "error")


@command("heap", ":heap [handle]", "memory in use and the objects with handles, or one object",
         details="A handle is the number after '#': ':heap 12' or ':heap table#12'.")
def _heap(shell: Shell, arg: str) -> None:
    view = shell.view
    if arg:
        m = _HANDLE.fullmatch(arg)
        if m is None:
            shell.say(f"not a handle: {arg} (try :heap 12 or :heap table#12)", "error")
            return
        try:
            obj = view.object_at(int(m.group(1)))
        except ViewError as exc:
            shell.say(str(exc), "error")
            return
        shell.show(pretty(obj, view, shell.pretty_options(depth=2)))
        return
    summary = view.heap_summary()
    kinds = ", ".join(f"{n} {name}" for name, n in summary.by_type) or "none"
    frags: list[Fragment] = [("", f"memory in use: {summary.bytes_in_use / 1024:.1f} KB\n"
                                  f"objects with handles: {summary.with_handles} ({kinds})")]
    line = shell.pretty_options(depth=0, width=10**6, items=0)
    for obj in view.handled_objects()[:40]:
        frags.append(("", "\n  "))
        frags += pretty(obj, view, line)
    if summary.with_handles > 40:
        frags.append(("marker", f"\n  ... {summary.with_handles - 40} more"))
    shell.show(frags)


@command("globals", ":globals", "the globals defined in this session (and the library's names)")
def _globals(shell: Shell, arg: str) -> None:
    fields = shell.view.fields(shell.view.globals)
    mine = [(n, v) for n, v in fields if n not in shell.library_names]
    short = shell.pretty_options(depth=1, items=8, string=60)
    frags: list[Fragment] = []
    for name, value in mine:
        frags += [("key", name), ("punct", " = ")]
        frags += pretty(value, shell.view, short, column=len(name) + 3) + [("", "\n")]
    if not mine:
        frags.append(("traceback", "no globals of your own yet\n"))
    library = sorted(n for n, _ in fields if n in shell.library_names)
    frags.append(("traceback", textwrap.fill("library: " + " ".join(library), short.width)))
    shell.show(frags)


@command("theme", ":theme [name]", "list the themes, or switch to one", arg=THEME)
def _theme(shell: Shell, arg: str) -> None:
    if not arg:
        frags: list[Fragment] = []
        for name in all_themes():
            loaded = find_theme(name)
            if isinstance(loaded, ThemeError):
                frags.append(("error", f"  {name} (broken, skipped: {loaded.message})\n"))
                continue
            mark = "*" if name == shell.theme.name else " "
            frags.append(("", f"{mark} {name}\n"))
        frags.append(("traceback", "(themes also load from " + shell.user_themes_hint() + ")"))
        shell.show(frags)
        return
    found = shell.set_theme(arg)
    if isinstance(found, Theme):
        shell.say(f"theme: {found.name}")
    else:
        shell.say(str(found), "error")


@command("load", ":load FILE", "run a Lua file in this session (like dofile)", arg=FILE)
def _load(shell: Shell, arg: str) -> None:
    if not arg:
        shell.say("usage: :load FILE", "error")
        return
    shell.run_file(arg)


@command("time", ":time CODE", "run code and say how long it took", arg=ARG_LUA)
def _time(shell: Shell, arg: str) -> None:
    if not arg:
        shell.say("usage: :time CODE", "error")
        return
    outcome = shell.run_input(arg)
    if isinstance(outcome, Returned):
        shell.say(f"time: {_duration(outcome.seconds)}", "traceback")


@command("debug", ":debug CODE", "step through code in the debugger (q comes back here)", arg=ARG_LUA,
         details="The code runs in this session: it sees your globals, and what it changes stays.")
def _debug(shell: Shell, arg: str) -> None:
    if not arg.strip():
        shell.say("usage: :debug CODE", "error")
        return
    from ferrous_repl.debugger.embed import debug_code

    problem = debug_code(shell.session, arg, shell.theme.name, redis=shell.redis,
                         typed_after=shell.typed_ahead)
    if problem is not None:
        shell.say(problem, "error")


@command("redis", ":redis COMMAND [ARG ...]", "run a raw Redis command (in ferrous redis repl)",
         details="The command is quoted as redis-cli reads it and sent to the keyspace (or to the "
                 "scripting commands: EVAL, SCRIPT LOAD ...); the reply is shown as redis-cli shows it.")
def _redis(shell: Shell, arg: str) -> None:
    console = shell.redis
    if console is None:
        shell.say("not in Redis mode: start it with 'ferrous redis repl'", "error")
        return
    if not arg.strip():
        shell.say("usage: :redis COMMAND [ARG ...]", "error")
        return
    from ferrous_repl.redis_output import format_tty

    try:
        reply, failed = console.command(arg)  # type: ignore[attr-defined]
    except ValueError as exc:  # unbalanced quotes, or the server cannot be reached
        shell.say(str(exc), "error")
        return
    text = format_tty(reply).decode("utf-8", "backslashreplace").rstrip("\n")
    shell.say(text, "error" if failed else "")


@command("reset", ":reset", "start again with fresh globals (history is kept)")
def _reset(shell: Shell, arg: str) -> None:
    shell.reset()
    shell.say("fresh session: globals reset")


@command("quit", ":quit", "leave (so does Ctrl-D)")
def _quit(shell: Shell, arg: str) -> None:
    shell.running = False


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.3g} ms"
    return f"{seconds:.3f} s"

