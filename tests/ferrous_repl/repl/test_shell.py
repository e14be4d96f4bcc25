"""The REPL without its terminal: input, results, errors, interrupts and meta-commands, driven
through a Shell with a console that records what it is asked to show."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import threading
from pathlib import Path

import pytest

from ferrous_repl.pretty import Fragment, plain
from ferrous_repl.repl.commands import REGISTRY
from ferrous_repl.repl.evaluate import Failed, Internal, Returned, Stopped
from ferrous_repl.repl.output import TrackingWriter
from ferrous_repl.repl.shell import Shell
from ferrous_repl.themes import Theme, load_theme
from vm.runtime.function import Builtin
from vm.session import Session


class Recorder:
    width = 80

    def __init__(self, out: io.BytesIO) -> None:
        self.out = out
        self.shown: list[list[Fragment]] = []

    def show(self, frags: list[Fragment]) -> None:
        self.out.write(plain(frags).encode() + b"\n")  # interleaved with Lua's output, as on screen
        self.shown.append(frags)


class Harness:
    def __init__(self) -> None:
        self.stream = io.BytesIO()
        self.console = Recorder(self.stream)
        writer = TrackingWriter(self.stream)
        theme = load_theme("dark")
        assert isinstance(theme, Theme)
        self.themes: list[str] = []
        self.shell = Shell(Session(writer), self.console, writer, theme, lambda: Session(writer),
                           lambda t: self.themes.append(t.name))

    def screen(self, *inputs: str) -> str:
        """Run the inputs; what appeared on the 'screen' (Lua's output and the REPL's)."""
        start = self.stream.tell()
        for text in inputs:
            self.shell.execute(text)
        return self.stream.getvalue()[start:].decode()


@pytest.fixture()
def h() -> Harness:
    return Harness()


def test_expressions_statements_and_several_results(h: Harness) -> None:
    assert h.screen("x = 41") == ""
    assert h.screen("x + 1") == "42\n"
    assert h.screen("=x, 'a', nil") == '41, "a", nil\n'
    assert h.screen("print(x)") == "41\n"
    assert h.screen("return") == ""
    assert h.screen("   ") == ""


def test_multi_line_function_uses_earlier_globals(h: Harness) -> None:
    h.screen("y = 10")
    assert h.screen("function f(a)\n  return a + y\nend") == ""
    assert h.screen("f(5)") == "15\n"


def test_output_without_newline_is_finished(h: Harness) -> None:
    assert h.screen("io.write('abc')") == "abc\ntrue\n"
    assert h.screen("io.write('x') io.write('y')") == "xy\n"


def test_lua_errors_keep_the_session(h: Harness) -> None:
    h.screen("kept = 'yes'")
    assert h.screen("local t = nil; t.x = 1") == (
        "stdin:1: attempt to index local 't' (a nil value)\n"
        "stack traceback:\n\tstdin:1: in main chunk\n\t[C]: ?\n")
    assert h.screen("error({code = 1})").startswith("error object is not a string: table#0 { code = 1 }\n")
    assert h.screen("x = = 1") == "stdin:1: unexpected symbol near '='\n"
    assert h.screen("for i = 1,") == "stdin:1: unexpected symbol near '<eof>'\n"  # forced (Alt-Enter)
    assert h.screen("kept") == '"yes"\n'
    for _ in range(3):  # tracebacks do not grow from one input to the next
        assert h.screen("error('e')").endswith("stdin:1: in main chunk\n\t[C]: ?\n")


def test_internal_errors_are_reported_and_the_session_survives(h: Harness) -> None:
    def broken(L, args):
        raise ZeroDivisionError("simulated bug")

    h.shell.session.globals.set_str(b"broken", Builtin("broken", broken))
    h.screen("kept = 1")
    out = h.screen("broken()")
    assert out.startswith("internal error (a bug in ferrous): ZeroDivisionError: simulated bug\n")
    assert h.screen("kept + 1") == "2\n"


def _interrupt_soon(action) -> threading.Timer:
    timer = threading.Timer(0.3, action)
    timer.start()
    return timer


def test_interrupt_stops_an_endless_loop_and_keeps_state(h: Harness) -> None:
    h.screen("n = 0")
    _interrupt_soon(h.shell.session.interrupt)
    # lua.c's report of an interrupt, as lua5.1 -i prints it
    assert h.screen("while true do n = n + 1 end") == ("interrupted!\nstack traceback:\n"
                                                       "\tstdin:1: in main chunk\n\t[C]: ?\n")
    assert isinstance(h.shell.run_input("n > 0"), Returned)
    assert h.screen("n > 0") == "true\n"


def test_ctrl_c_signal_stops_a_run(h: Harness) -> None:
    h.screen("kept = 'still here'")
    # the handler found, given back after the run: Python's, or SIG_IGN in a process started
    # with SIGINT ignored (a background job of a non-interactive shell), where the run stops too
    found = signal.getsignal(signal.SIGINT)
    _interrupt_soon(lambda: os.kill(os.getpid(), signal.SIGINT))
    outcome = h.shell.run_input("while true do end")
    assert isinstance(outcome, Stopped) and outcome.by_ctrl_c
    assert h.screen("kept") == '"still here"\n'
    assert signal.getsignal(signal.SIGINT) is found


def _luac_listing(source: bytes, *options: str) -> str:
    done = subprocess.run(["luac5.1", "-l", *options, "-p", "-"], input=source, capture_output=True,
                          check=True)
    return re.sub(r"0x[0-9a-f]+", "0x?", done.stdout.decode())


def _addressless(text: str) -> str:
    return re.sub(r"0x[0-9a-f]+", "0x?", text)


def test_dis_lists_the_last_chunk_as_luac_does(h: Harness) -> None:
    assert h.screen(":dis") == "no chunk has run yet: :dis EXPR lists a function\n"
    h.screen("local x = 1 + 2\nprint(x)")
    assert _addressless(h.screen(":dis")) == _luac_listing(b"local x = 1 + 2\nprint(x)").lstrip("\n")


def test_dis_lists_a_function_as_luac_does(h: Harness) -> None:
    source = "function f(a, ...)\n  local t = {a, ...}\n  return function() return #t end\nend"
    h.screen(source)
    reference = _luac_listing(source.encode())
    function_part = reference[reference.index("\nfunction <"):].lstrip("\n")
    assert _addressless(h.screen(":dis f")) == function_part
    reference = _luac_listing(source.encode(), "-l")
    assert _addressless(h.screen(":dis -l f")) == reference[reference.index("\nfunction <"):].lstrip("\n")
    assert h.screen(":dis print") == "builtin: print has no bytecode (:dis lists Lua functions)\n"
    assert h.screen(":dis nosuch") == "nil has no bytecode (:dis lists Lua functions)\n"
    assert h.screen(":dis error('x')").startswith("stdin:1: x\n")


def test_help_is_generated_from_the_registry(h: Harness) -> None:
    out = h.screen(":help")
    for cmd in REGISTRY.all():
        assert cmd.usage in out and cmd.summary in out
    assert h.screen(":help dis").startswith(":dis [-l] [expr]\n")
    assert h.screen(":help nope") == "no command :nope (:help lists them)\n"
    assert h.screen(":nope") == "unknown command :nope (:help lists the commands)\n"


def test_debug_reports_code_that_does_not_compile(h: Harness) -> None:
    # (the debugger itself: tests/ferrous_repl/debugger/test_embed.py)
    assert h.screen(":debug x = = 1") == "(debug):1: unexpected symbol near '='\n"
    assert h.screen(":debug") == "usage: :debug CODE\n"


def test_heap_and_globals(h: Harness) -> None:
    h.screen("t = {1, 2, {3}}", "t")
    out = h.screen(":heap")
    assert out.startswith("memory in use: ")
    assert "objects with handles: 2 (2 table)" in out and "table#0 { ... 3 entries }" in out
    assert h.screen(":heap 1") == "table#1 { 3 }\n"
    assert h.screen(":heap table#0") == "table#0 { 1, 2, table#1 { 3 } }\n"
    assert h.screen(":heap 99") == "no object #99 in the heap\n"
    assert h.screen(":heap x") == "not a handle: x (try :heap 12 or :heap table#12)\n"
    out = h.screen(":globals")
    assert out.startswith("t = table#0 { 1, 2, table#1 { ... 1 entry } }\nlibrary: _G _VERSION assert")


def test_theme(h: Harness) -> None:
    listing = h.screen(":theme")
    assert "* dark\n" in listing and "  light\n" in listing and "  high-contrast\n" in listing
    assert h.screen(":theme light") == "theme: light\n"
    assert h.themes == ["light"] and h.shell.theme.name == "light"
    assert h.screen(":theme nope").startswith("theme 'nope': no such theme (available: dark, high-contrast")


def test_user_themes_and_broken_ones(h: Harness, tmp_path: Path) -> None:
    folder = tmp_path / "config" / "ferrous" / "themes"
    folder.mkdir(parents=True)
    dark = (Path(__file__).resolve().parents[3] / "themes" / "dark.toml").read_text()
    (folder / "mine.toml").write_text(dark.replace("#e07b39", "#123456"))
    (folder / "broken.toml").write_text("dark = ")
    listing = h.screen(":theme")
    assert "  mine\n" in listing and "  broken (broken, skipped: not valid TOML" in listing
    assert h.screen(":theme mine") == "theme: mine\n"
    assert h.shell.theme.interface.prompt == "#123456"
    assert h.screen(":theme broken").startswith("theme 'broken': not valid TOML")
    assert h.shell.theme.name == "mine"


def test_load_time_and_reset(h: Harness, tmp_path: Path) -> None:
    script = tmp_path / "s.lua"
    script.write_text("loaded = (loaded or 0) + 1\nreturn 'done', loaded\n")
    assert h.screen(f":load {script}") == '"done", 1\n'
    assert h.screen(f":load {tmp_path}/missing.lua").startswith("cannot open ")
    timed = h.screen(":time for i = 1, 1000 do end")
    assert re.fullmatch(r"time: [0-9.]+ (ms|s)\n", timed)
    assert h.screen(":time =1 + 1").startswith("2\ntime: ")
    assert h.screen(":reset") == "fresh session: globals reset\n"
    assert h.screen("loaded") == "nil\n"
    assert h.screen(":quit") == "" and not h.shell.running


def test_outcomes_of_evaluate(h: Harness) -> None:
    assert isinstance(h.shell.evaluate("1 +"), type(h.shell.evaluate("1 + ")))
    assert isinstance(h.shell.evaluate("error('x')"), Failed)
    assert isinstance(h.shell.evaluate("1"), Returned)
    assert not isinstance(h.shell.evaluate("1"), Internal)


def test_input_bytes_that_are_not_utf8_are_said_back_not_an_internal_error(h: Harness) -> None:
    """prompt_toolkit decodes the terminal's bytes with surrogateescape: a 0xff typed becomes
    U+DCFF. Said back by a command (``:help <0xff>``), it failed to encode."""
    for text in (":help \udcff", ":theme \udcff\udcfe", ":heap \udcff"):
        out = h.screen(text)
        assert "internal error" not in out and "\ufffd" in out, out
    assert h.screen("x = '\udcff'") == ""
    assert h.screen("x") == '"\\255"\n'
