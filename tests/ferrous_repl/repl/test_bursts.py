"""Keys in bursts, as a fast typist or a terminal without bracketed paste sends them: nothing
typed is lost, and every line that closes a block (``end``, ``else``, ``elseif``, ``until``,
``}``, ``)``) moves out to the line that opened it, in the Lua REPL and in the Redis REPL.

A burst is one write to the terminal: tmux ``send-keys -l`` with the text and its carriage
returns. (Without ``-l``, tmux reads a word such as ``end`` or ``home`` as the name of a key:
``send-keys 'end' Enter`` presses End, then Enter; that, not the REPL, lost the ``end`` of
issue 17.1. The REPL received the End key, see the report of that issue.)
"""

from __future__ import annotations

import pytest

# (the lines typed, the lines the screen shows for them, what running them shows)
LUA_PROGRAMS = {
    "end": (["function add(a, b)", "return a + b", "end", "add(2, 3)"],
            ["> function add(a, b)", ".   return a + b", ". end", "> add(2, 3)"], "5"),
    # the typist indents too: `end` still goes out to the line of `function`
    "end, typed indentation": (["function add(a, b)", "  return a + b", "  end", "add(2, 3)"],
                               ["> function add(a, b)", ".     return a + b", ". end",
                                "> add(2, 3)"], "5"),
    "else": (["if x then", "y = 1", "else", "y = 2", "end", "y"],
             ["> if x then", ".   y = 1", ". else", ".   y = 2", ". end", "> y"], "2"),
    "elseif": (["if x then", "y = 1", "elseif not x then", "y = 3", "end", "y"],
               ["> if x then", ".   y = 1", ". elseif not x then", ".   y = 3", ". end", "> y"], "3"),
    "until": (["i = 0", "repeat", "i = i + 1", "until i >= 4", "i"],
              ["> i = 0", "> repeat", ".   i = i + 1", ". until i >= 4", "> i"], "4"),
    "}": (["t = {", "10,", "20,", "}", "#t"], ["> t = {", ".   10,", ".   20,", ". }", "> #t"], "2"),
    ")": (["print(", "'hi'", ")"], ["> print(", ".   'hi'", ". )"], "hi"),
}

# the Redis REPL runs each input as a script body: locals, one chunk, the reply shown
REDIS_PROGRAMS = {
    "end": (["do", "local function add(a, b)", "return a + b", "end", "return add(2, 3)", "end"],
            ["> do", ".   local function add(a, b)", ".     return a + b", ".   end",
             ".   return add(2, 3)", ". end"], "(integer) 5"),
    "else": (["do", "local y", "if false then", "y = 1", "else", "y = 2", "end", "return y", "end"],
             ["> do", ".   local y", ".   if false then", ".     y = 1", ".   else", ".     y = 2",
              ".   end", ".   return y", ". end"], "(integer) 2"),
    "elseif": (["do", "local y", "if false then", "y = 1", "elseif true then", "y = 3", "end",
                "return y", "end"],
               ["> do", ".   local y", ".   if false then", ".     y = 1", ".   elseif true then",
                ".     y = 3", ".   end", ".   return y", ". end"], "(integer) 3"),
    "until": (["do", "local i = 0", "repeat", "i = i + 1", "until i >= 4", "return i", "end"],
              ["> do", ".   local i = 0", ".   repeat", ".     i = i + 1", ".   until i >= 4",
               ".   return i", ". end"], "(integer) 4"),
    "}": (["return #{", "10,", "20,", "}"], ["> return #{", ".   10,", ".   20,", ". }"],
          "(integer) 2"),
    ")": (["return string.upper(", "'hi'", ")"],
          ["> return string.upper(", ".   'hi'", ". )"], '"HI"'),
}


def _run_bursts(pane, programs: dict, one_write: bool) -> None:
    pane.wait_prompt()
    for keyword, (typed, shown, result) in programs.items():
        pane.keys("C-l")  # a clear screen for each program
        pane.wait(lambda s: s.lstrip().startswith(">") and s.count("\n>") == 0)
        if one_write:
            pane.type("\r".join(typed) + "\r")  # the whole program in one burst
        else:
            for line in typed:  # each line in one burst, Enter in another
                pane.type(line)
                pane.keys("Enter")
        screen = pane.wait(rf"^{_escape(result)}$")
        lines = [ln.rstrip() for ln in screen.split("\n") if ln.strip()]
        start = lines.index(shown[0])
        assert lines[start:start + len(shown)] == shown, (keyword, screen)
        pane.wait_prompt()


def _escape(text: str) -> str:
    import re

    return re.escape(text)


@pytest.mark.parametrize("one_write", [True, False], ids=["program-in-one-burst", "line-bursts"])
def test_bursts_in_the_lua_repl(start_repl, one_write: bool) -> None:
    _run_bursts(start_repl(), LUA_PROGRAMS, one_write)


@pytest.mark.parametrize("one_write", [True, False], ids=["program-in-one-burst", "line-bursts"])
def test_bursts_in_the_redis_repl(start_repl, one_write: bool) -> None:
    _run_bursts(start_repl("redis", "repl"), REDIS_PROGRAMS, one_write)
