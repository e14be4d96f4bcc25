"""Indentation when Enter adds a line: the new line starts where the block structure says, and
a line that begins by closing a block (``end``, ``else``, ``until``, ``}``) moves out a level.
A pure function of the text before the cursor; inside a long string or comment nothing changes.
"""

from __future__ import annotations

from vm.compiler.lexer import EOS, Lexer
from vm.errors import LoadError

STEP = 2
_OPEN = {"function", "do", "then", "repeat", "{", "(", "["}
_CLOSE = {"end", "until", "}", ")", "]", "elseif"}
_LEADING = _CLOSE | {"else"}


def _kinds(src: bytes) -> list[str] | None:
    lexer = Lexer(src, b"=stdin")
    out = []
    try:
        while True:
            token, _ = lexer.scan()
            if token == EOS:
                return out
            out.append(token)
    except LoadError:
        return None


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def newline(text: str) -> tuple[str, str]:
    """For Enter at the end of ``text``: (the last line, perhaps moved out a level; the
    indentation of the new line)."""
    lines = text.split("\n")
    line = lines[-1]
    if _kinds(text.encode("utf-8", "surrogateescape")) is None:
        return line, ""  # in a long string or comment (or not Lua): leave it alone
    kinds = _kinds(line.encode("utf-8", "surrogateescape")) or []
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
    indent = _indent(line)
    previous = next((p for p in reversed(lines[:-1]) if p.strip()), None)
    if kinds and kinds[0] in _LEADING and previous is not None and len(indent) >= STEP \
            and len(indent) >= len(_indent(previous)):
        indent = indent[:-STEP]
        line = indent + line.lstrip(" \t")
    if depth > lowest:
        return line, indent + " " * STEP
    return line, indent
