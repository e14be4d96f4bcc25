"""Source colouring: every line coloured by its tokens, but a line longer than
LONGEST_COLOURED (a generated chunk) plain, with the lines around it still coloured."""

from __future__ import annotations

from ferrous_repl.debugger.highlight import LONGEST_COLOURED, highlight


def _styles(content) -> set[str]:
    return {str(span.style) for span in content.spans}


def test_lines_are_coloured_by_their_tokens() -> None:
    lines = ("local x = 1 -- one", "print('a' .. x)")
    first, second = highlight(lines)
    assert first.plain == lines[0] and second.plain == lines[1]
    assert {"$lua-keyword", "$lua-number", "$lua-comment"} <= _styles(first)
    assert {"$lua-builtin", "$lua-string"} <= _styles(second)


def test_a_very_long_line_is_plain_and_its_neighbours_coloured() -> None:
    long_line = "return 0" + "+1" * (LONGEST_COLOURED // 2)
    lines = ("local a = 1", long_line, "local s = [[two", "lines]] print(s)")
    shown = highlight(lines)
    assert [c.plain for c in shown] == list(lines)
    assert _styles(shown[1]) == set()
    assert "$lua-keyword" in _styles(shown[0])
    assert _styles(shown[2]) >= {"$lua-keyword", "$lua-string"}
    assert _styles(shown[3]) >= {"$lua-string", "$lua-builtin"}
    # one character shorter than the limit: coloured
    assert _styles(highlight((long_line[:LONGEST_COLOURED],))[0])
