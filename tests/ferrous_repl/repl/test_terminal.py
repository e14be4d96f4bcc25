"""End to end: the real REPL in a tmux pane at 80x24, driven by keystrokes, read off the screen."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

_SGR_BEFORE = r"(?:\x1b\[[0-9;]*m)*"


def _coloured(screen: str, word: str) -> bool:
    """Whether word is drawn right after a foreground-colour escape."""
    return re.search(r"\x1b\[[0-9;]*38;[25];[0-9;]*m" + _SGR_BEFORE + re.escape(word), screen) is not None


def test_multi_line_function_highlighted_and_called(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.line("y = 10")
    pane.wait_prompt()
    pane.line("function add(a)")
    pane.wait(r"^\.$")  # a continuation line (its indentation is blank to tmux)
    pane.line("local r = a + y")
    pane.line("return r")
    pane.line("end")
    pane.wait_prompt()
    screen = pane.screen()
    assert "> function add(a)\n.   local r = a + y\n.   return r\n. end\n" in screen
    pane.line("add(5)")
    pane.wait(r"^15$")
    pane.wait_prompt(mode="lua")  # the prompt and its toolbar
    coloured = pane.screen(escapes=True)
    assert _coloured(coloured, "function") and _coloured(coloured, "local")


def test_dis_on_a_function(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.line("function twice(x) return 2 * x end")
    pane.wait_prompt()
    pane.line(":dis twice")
    pane.wait(r"RETURN")
    screen = pane.wait_prompt()
    assert re.search(r"^function <stdin:1,1> \(3 instructions, 12 bytes at 0x[0-9a-f]+\)$", screen, re.M)
    assert re.search(r"^\s+1\s+\[1\]\s+MUL\s+1 -1 0\s+; 2 -$", screen, re.M)


def test_completion_of_a_nested_name(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.type("string.fo")
    pane.wait(r"format\s+function")  # the menu, while typing
    pane.keys("Tab")
    pane.wait(r"^> string\.format$")
    pane.type('("%5.1f", 3.14159)')
    pane.keys("Enter")
    pane.wait(r'^"  3\.1"$')


def test_ctrl_c_stops_an_endless_loop_and_keeps_globals(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.line("kept = 'before the loop'")
    pane.wait_prompt()
    # the loop says when it runs: the input shown is not yet the input running (a Ctrl-C in
    # between is a key for the next prompt)
    pane.line("print('spinning') while true do end")
    pane.wait(r"^spinning$")
    pane.keys("C-c")
    screen = pane.wait(r"^\s+\[C\]: \?$")
    # right below the output: echo is off while input runs, no ^C and no blank line; lua.c's
    # report (lua5.1 -i says the same, after the ^C it echoes)
    assert re.search(r"\nspinning\ninterrupted!\nstack traceback:\n\s+stdin:1: in main chunk\n"
                     r"\s+\[C\]: \?\n", screen), screen
    pane.wait_prompt()
    pane.line("kept")
    pane.wait(r'^"before the loop"$')


def test_ctrl_c_drops_every_key_typed_ahead(start_repl) -> None:
    """The terminal drops the keys typed ahead of a Ctrl-C; the prompt dropped only the Enter:
    the start of the next line, read by the prompt in the same burst as the running input,
    stayed at the next prompt, and the next line typed joined it."""
    pane = start_repl()
    pane.wait_prompt()
    pane.type("print('spinning') while true do end\rtyped = 'ahead'")  # one burst
    pane.wait(r"^spinning$")
    pane.keys("Enter")  # typed while the loop runs, then Ctrl-C
    pane.keys("C-c")
    pane.wait(r"^interrupted!$")
    pane.wait_prompt()
    pane.line("typed")
    screen = pane.wait(r"^nil$")
    assert "> typed\n" in screen, screen


def test_errors_keep_the_session(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.line("n = 1")
    pane.line("x = = 2")
    pane.wait(r"^stdin:1: unexpected symbol near '='$")
    pane.line("error('boom')")
    pane.wait(r"^stdin:1: boom\nstack traceback:\n\s+\[C\]: in function 'error'")
    pane.line("n + 1")
    pane.wait(r"^2$")


def test_ctrl_c_clears_the_line_and_ctrl_d_leaves(start_repl) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.type("this is not run")
    pane.wait(r"^> this is not run$")
    pane.keys("C-c")
    pane.wait(lambda s: "this is not run" in s and s.rstrip().count("\n>") >= 2)
    pane.keys("C-d")
    pane.wait(r"^\[exited 0\]$")


def test_paste_a_program_and_history_across_sessions(start_repl, tmp_path: Path) -> None:
    pane = start_repl()
    pane.wait_prompt()
    pane.paste("local total = 0\nfor i = 1, 10 do\n  total = total + i\nend\nprint('total', total)\n")
    pane.keys("Enter")
    pane.wait(r"^total\s+55$")
    pane.line("marker = 'remembered'")
    pane.wait_prompt()
    pane.keys("C-d")
    pane.wait(r"^\[exited 0\]$")
    history = (tmp_path / "state" / "ferrous" / "history").read_text()
    assert "marker = 'remembered'" in history

    again = start_repl()
    again.wait_prompt()
    again.keys("C-r")
    again.type("remem")
    again.wait(r"marker = 'remembered'")
    again.keys("Enter")  # take the match from the search
    again.wait(r"^> marker = 'remembered'$")
    again.keys("Enter")
    again.wait_prompt()
    again.line("marker")
    again.wait(r'^"remembered"$')


def test_no_color(start_repl) -> None:
    pane = start_repl(env={"NO_COLOR": "1"})
    pane.wait_prompt()
    pane.line("local t = {1, 'two'} return t")
    pane.wait(r'^table#0 \{ 1, "two" \}$')
    assert "38;" not in pane.screen(escapes=True)


def test_run_a_file_then_interact(start_repl, tmp_path: Path) -> None:
    script = tmp_path / "setup.lua"
    script.write_text("greeting = 'hello from ' .. arg[0]:match('[^/]*$')\nprint('script ran')\n")
    pane = start_repl("-i", str(script))
    pane.wait(r"^script ran$")
    pane.wait_prompt()
    pane.line("greeting")
    pane.wait(r'^"hello from setup\.lua"$')


def test_keys_typed_while_input_runs_wait_unechoed_for_the_next_prompt(start_repl) -> None:
    """The terminal echoed a line typed while Lua ran among the output, then the next prompt
    showed it again (``y`` alone on a line, then ``> y``): now it shows once, at its prompt."""
    pane = start_repl()
    pane.wait_prompt()
    pane.line('print("start") local t = os.clock() while os.clock() - t < 1.5 do end print("done")')
    pane.wait(r"^start$")
    pane.line("x = 5")  # typed while the loop runs
    pane.line("x")
    screen = pane.wait(r"^5$")
    lines = [ln.rstrip() for ln in screen.split("\n") if ln.strip()]
    start = lines.index("start")
    assert lines[start:start + 5] == ["start", "done", "> x = 5", "> x", "5"], screen


def test_the_program_reading_standard_input_sees_it_echoed(start_repl) -> None:
    """Echo is off while input runs (the test above), except while the program reads."""
    pane = start_repl()
    pane.wait_prompt()
    pane.line('print("got", io.read())')
    pane.wait_echo()  # the program reads (keys typed before it are not echoed: they might be
    pane.type("typed by hand")  # the next prompt's)
    pane.wait(r"^typed by hand$")
    pane.keys("Enter")
    pane.wait(r"^got\s+typed by hand$")
    pane.wait_prompt()


def test_a_long_paste_while_input_runs_comes_at_once_to_the_next_prompt(start_repl, tmp_path: Path) -> None:
    """Pasted while input ran, a long line came as keys (bracketed paste is the prompt's, and
    no prompt was up): the next prompt inserted them one by one, for minutes."""
    go_on = tmp_path / "go-on"
    pane = start_repl()
    pane.wait_prompt()
    pane.line(f'print("waiting") while not io.open("{go_on}") do end')  # runs until the test says
    pane.wait(r"^waiting$")
    pane.paste("y = 0" + "+1" * 3000)  # 6 KB, one line
    go_on.write_text("")
    pane.wait(r"\+1\+1\+1$")  # at the next prompt, whole
    pane.keys("Enter")
    pane.wait_prompt()
    pane.line("y")
    pane.wait(r"^3000$")


def test_ctrl_z_suspends_at_the_prompt_and_fg_resumes_with_the_state(start_program) -> None:
    """Ctrl-Z at the prompt typed a ^Z into the input (a syntax error once run); lua5.1, like
    any terminal program, stops, and `fg` in the shell resumes it."""
    pane = start_program("bash --norc --noprofile -i")  # a shell with job control
    pane.wait(r"\S")
    pane.line(f"{shlex.quote(sys.executable)} -m ferrous_repl")
    pane.wait_prompt(mode="lua")
    pane.line("x = 42")
    pane.wait(r"^> x = 42\n>")
    pane.keys("C-z")
    pane.wait(r"Stopped")
    pane.line("fg")
    pane.wait_prompt(mode="lua")
    pane.line("x")
    screen = pane.wait(r"^42$")
    assert "char(26)" not in screen, screen


def test_a_terminal_of_five_rows_shows_the_prompt_not_window_too_small(start_repl) -> None:
    """The 8 rows kept for the completion menu did not fit in 5: the screen said "Window too
    small..." instead of the prompt and what was typed. Back at full size, all is there."""
    pane = start_repl()
    pane.wait_prompt(mode="lua")
    pane.resize(20, 5)
    pane.type("x = 6 * 7")
    screen = pane.wait(r"^> x = 6 \* 7$")
    assert "too small" not in screen, screen
    pane.keys("Enter")
    pane.wait(r"^> x = 6 \* 7\n>")  # (the toolbar, cut at 20 columns, hides its mode)
    pane.line("x")
    screen = pane.wait(r"^42$")
    assert "too small" not in screen, screen
    pane.resize(80, 24)
    pane.line("x + 1")
    pane.wait(r"^43$")


def test_a_line_typed_right_after_q_in_debug_reaches_the_prompt(start_repl) -> None:
    """`:debug CODE`, then `q` and the next line in one burst: the debugger read them all, ran
    the line's keys as its own or dropped them with the app, and the prompt got nothing."""
    pane = start_repl()
    pane.wait_prompt()
    pane.line("y = 1")
    pane.wait(r"^> y = 1\n>")
    pane.line(":debug x = 1")
    pane.wait(r"at the start")
    pane.type("qy + 1\r")
    screen = pane.wait(r"^2$")
    assert "> y + 1\n2" in screen, screen
