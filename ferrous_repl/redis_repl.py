"""The REPL in Redis mode (``ferrous redis repl``): how outcomes are shown, and the commands
that only make sense there (``:function``, ``:fcall``).

Input runs as the body of a script, so what it gives back is shown twice, each said for what it
is: first the reply EVAL would send for it (its first value converted as Redis converts a
script's return value), printed as redis-cli prints it (``OK``, ``(integer) 3``, ``(nil)``,
``(error) WRONGTYPE ...``); then, after ``-- Lua:``, the Lua values themselves as the Lua REPL
prints them (``{ ok = "OK" }``, ``false``). An error that ends an input is shown as the error
reply Redis would make of it (``(error) WRONGTYPE ...`` for a failing ``redis.call``,
``(error) ERR stdin:1: ...`` for a Lua error), then its traceback.
"""

from __future__ import annotations

import os
from dataclasses import replace

from ferrous_repl.pretty import Fragment, PrettyOptions, pretty, pretty_values
from ferrous_repl.redis_args import split_keys_args
from ferrous_repl.redis_output import format_tty
from ferrous_repl.repl.commands import command
from ferrous_repl.repl.display import outcome_fragments as lua_outcome_fragments
from ferrous_repl.repl.evaluate import Failed, Returned
from vm.redis.convert import lua_to_reply
from vm.redis.errors import script_error_reply
from vm.redis.reply import ErrorReply
from vm.redis.splitargs import split_args
from vm.runtime.table import LuaTable
from vm.values_view import ValuesView

HELP_INTRO = (
    "Type Lua statements or expressions; Enter runs them once they are complete.\n"
    "Input runs as the body of a Redis script (redis.call, cjson, ...; KEYS and ARGV empty; no\n"
    "globals). A value is shown as the reply EVAL would send (as redis-cli prints it), then as\n"
    "the Lua value after '-- Lua:'. Top-level locals are session locals: later inputs see them\n"
    "(:reset clears them).\n")


def attach(shell, console) -> None:
    """Put a Shell in Redis mode: its input runs on the console (a vm.redis.console.RedisConsole)."""
    shell.redis = console
    shell.help_intro = HELP_INTRO


def _reply_fragments(reply: object) -> list[Fragment]:
    text = format_tty(reply).decode("utf-8", "backslashreplace").rstrip("\n")
    return [("error" if reply.__class__ is ErrorReply else "", text)]


def _error_reply(value: object) -> ErrorReply:
    """The error reply Redis makes of a script's error: an error table's ``err``, or ``ERR``
    and the message (the console's run has no SHA1 to name, so no trailer)."""
    if value.__class__ is not LuaTable or value.get_str(b"err").__class__ is not bytes:  # type: ignore[attr-defined]
        value = _handled(value)
    return script_error_reply(value, b"")


def _handled(value: object) -> LuaTable:
    """What Redis's message handler makes of a value that is not an error table."""
    from vm.runtime.values import plain_tostring

    t = LuaTable()
    t.set_str(b"err", b"ERR " + plain_tostring(value))
    return t


def outcome_fragments(outcome: object, view: ValuesView, options: PrettyOptions, resp: int) -> list[Fragment]:
    """What to show for an outcome in Redis mode (``resp``: the protocol of the console's run)."""
    if isinstance(outcome, Returned):
        if not outcome.values:
            return []
        frags = _reply_fragments(lua_to_reply(outcome.values[0], resp))
        values = pretty_values(outcome.values, view, replace(options, width=max(options.width - 8, 20)))
        multiline = any("\n" in text for _, text in values)
        frags.append(("traceback", "\n-- Lua:" + ("\n" if multiline else " ")))
        return frags + values
    if isinstance(outcome, Failed):
        frags = _reply_fragments(_error_reply(outcome.value))
        if outcome.traceback:
            frags.append(("traceback", "\n" + outcome.traceback.decode("utf-8", "replace")))
        return frags
    return lua_outcome_fragments(outcome, view, options)  # type: ignore[arg-type]


def _show_reply(shell, reply: object) -> None:
    shell.show(_reply_fragments(reply))


@command("function", ":function load FILE", "load a function library (FUNCTION LOAD REPLACE)",
         details="':function load lib.lua' loads the library of a file, replacing the one of the same "
                 "name; ':function list', ':function delete mylib', ':function flush' ... are sent as "
                 "FUNCTION commands. In ferrous redis repl only.")
def _function(shell, arg: str) -> None:
    console = shell.redis
    if console is None:
        shell.say("not in Redis mode: start it with 'ferrous redis repl'", "error")
        return
    words = arg.split(None, 1)
    if not words:
        shell.say("usage: :function load FILE, or :function SUBCOMMAND [ARG ...]", "error")
        return
    try:
        if words[0].lower() == "load":
            if len(words) < 2:
                shell.say("usage: :function load FILE", "error")
                return
            path = os.path.expanduser(words[1].strip())
            try:
                with open(path, "rb") as f:
                    code = f.read()
            except OSError as exc:
                shell.say(f"cannot read {path}: {exc.strerror or exc}", "error")
                return
            reply, _ = console.function_load(code)
        else:
            reply, _ = console.command("FUNCTION " + arg)
    except ValueError as exc:  # unbalanced quotes, or the server cannot be reached
        shell.say(str(exc), "error")
        return
    _show_reply(shell, reply)


@command("locals", ":locals", "the session locals and their values (in ferrous redis repl)")
def _locals(shell, arg: str) -> None:
    console = shell.redis
    if console is None:
        shell.say("not in Redis mode: session locals are ferrous redis repl's", "error")
        return
    values = console.locals.values()
    if not values:
        shell.say("no session locals yet (a top-level 'local x = ...' makes one)", "traceback")
        return
    short = shell.pretty_options(depth=1, items=8, string=60)
    frags: list[Fragment] = []
    for name, value in values:
        text = name.decode("utf-8", "backslashreplace")
        frags += [("key", text), ("punct", " = ")]
        frags += pretty(value, shell.view, short, column=len(text) + 3) + [("", "\n")]
    shell.show(frags[:-1])


@command("fcall", ":fcall NAME [key ...] [, arg ...]",
         "call a loaded function (FCALL): its keys, then a lone ',' and its arguments",
         details="Words are quoted as redis-cli reads them (\"a b\", \"\\x00\"). The reply is shown as "
                 "redis-cli shows it. In ferrous redis repl only.")
def _fcall(shell, arg: str) -> None:
    console = shell.redis
    if console is None:
        shell.say("not in Redis mode: start it with 'ferrous redis repl'", "error")
        return
    words = split_args(arg.encode("utf-8", "surrogateescape"))
    if words is None:
        shell.say("Invalid argument(s)", "error")
        return
    if not words:
        shell.say("usage: :fcall NAME [key ...] [, arg ...]", "error")
        return
    keys, args = split_keys_args(words[1:])
    try:
        reply, _ = console.fcall(words[0], keys, args)
    except ValueError as exc:
        shell.say(str(exc), "error")
        return
    _show_reply(shell, reply)
