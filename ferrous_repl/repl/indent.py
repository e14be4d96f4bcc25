"""Indentation when Enter adds a line: the new line starts where the block structure says, and
a line that begins by closing a block (``end``, ``else``, ``elseif``, ``until``, ``}``, ``)``,
``]``) moves out to the indentation of the line that opened it. A pure function of the text
before the cursor; inside a long string or comment nothing changes.
"""

from __future__ import annotations

from vm.compiler.lexer import EOS, Lexer
from vm.errors import LoadError

STEP = 2
_OPEN = frozenset(("function", "do", "then", "repeat", "{", "(", "["))
_CLOSE = frozenset(("end", "until", "}", ")", "]", "elseif"))
_LEADING = _CLOSE | {"else"}


def _tokens(src: bytes) -> list[tuple[str, int]] | None:
    """(kind, line) of each token (a token's last line: an opener or closer has only one),
    or None when the text ends inside a long string or comment, or is not Lua at all."""
    lexer = Lexer(src, b"=stdin")
    out = []
    try:
        while True:
            token, _ = lexer.scan()
            if token == EOS:
                return out
            out.append((token, lexer.line))
    except LoadError:
        return None


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def newline(text: str) -> tuple[str, str]:
    """For Enter at the end of ``text``: (the last line, perhaps moved out; the indentation of
    the new line)."""
    lines = text.split("\n")
    line = lines[-1]
    tokens = _tokens(text.encode("utf-8", "surrogateescape"))
    if tokens is None:
        return line, ""  # in a long string or comment (or not Lua): leave it alone
    current = len(lines)
    # the blocks still open before this line, each with the indentation of the line opening it
    opened: list[str] = []
    i = 0
    while i < len(tokens) and tokens[i][1] < current:
        kind, at = tokens[i]
        if kind in _CLOSE or kind == "else":
            if opened:
                opener_indent = opened.pop()
                if kind == "else":
                    opened.append(opener_indent)
        if kind in _OPEN:
            opened.append(_indent(lines[at - 1]))
        i += 1
    kinds = [kind for kind, _ in tokens[i:]]
    indent = _indent(line)
    if kinds and kinds[0] in _LEADING and opened and len(opened[-1]) < len(indent):
        indent = opened[-1]  # out to where the block began
        line = indent + line.lstrip(" \t")
    depth = lowest = 0
    for kind in kinds:
        if kind in _OPEN:
            depth += 1
        elif kind in _CLOSE:
            depth -= 1
        elif kind == "else":
            depth -= 1
            lowest = min(lowest, depth)
            depth += 1
        lowest = min(lowest, depth)
    if depth > lowest:
        return line, indent + " " * STEP
    return line, indent
