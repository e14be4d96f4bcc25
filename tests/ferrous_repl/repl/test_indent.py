"""Enter's indentation: the new line follows the block structure; `end` and friends move out."""

from __future__ import annotations

import pytest

from ferrous_repl.repl.indent import newline


@pytest.mark.parametrize(("text", "line", "indent"), [
    ("x = 1", "x = 1", ""),
    ("function f(a)", "function f(a)", "  "),
    ("function f(a)\n  if a then", "  if a then", "    "),
    ("if a then\n  x = 1\n  else", "else", "  "),
    ("if a then\n  x = 1\n  elseif b then", "elseif b then", "  "),
    ("function f()\n  return 1\n  end", "end", ""),
    ("function f()\n  return 1\nend", "end", ""),  # already moved out by hand
    ("local t = {", "local t = {", "  "),
    ("local t = {\n  1,\n  }", "}", ""),
    ("f(function()", "f(function()", "  "),
    ("  g(function() return 1 end)", "  g(function() return 1 end)", "  "),
    ("repeat", "repeat", "  "),
    ("repeat\n  x = x + 1\n  until x > 3", "until x > 3", ""),
    ("s = [[long\n  string", "  string", ""),  # inside a long string: untouched
    ("x = 1 -- do", "x = 1 -- do", ""),
    # out to the indentation of the line that opened the block, whatever the lines between
    ("function add(a, b)\n    return a + b\n  end", "end", ""),
    ("if a then\n  if b then\n      x()\n    end", "  end", "  "),
    ("if a then\n  if b then\n      x()\n    else", "  else", "    "),
    ("while a do\n  f(1,\n    2)\n    end", "end", ""),
    ("local t = {\n    a = {\n        1,\n      },\n    }", "}", ""),
    ("x = f(\n      1\n    )", ")", ""),
    ("do\n  s = [[\nend]]\n  end", "end", ""),  # the `end` in the string closes nothing
    ("do end\n  end", "  end", "  "),  # nothing open: left alone
])
def test_newline(text: str, line: str, indent: str) -> None:
    assert newline(text) == (line, indent)
