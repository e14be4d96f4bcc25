"""Lua source as Content lines coloured by the theme's syntax variables (Pygments' Lua lexer,
as the REPL uses it)."""

from __future__ import annotations

from functools import cache, lru_cache

from pygments.lexers.scripting import LuaLexer
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Token
from textual.content import Content

_KINDS = ((Comment, "$lua-comment"), (Keyword, "$lua-keyword"), (String, "$lua-string"),
          (Number, "$lua-number"), (Name.Builtin, "$lua-builtin"), (Operator, "$lua-operator"),
          (Punctuation, "$lua-operator"), (Name, "$lua-name"))


@lru_cache(maxsize=1)
def _lexer() -> LuaLexer:
    return LuaLexer(stripnl=False, ensurenl=False)


@cache
def _style(token: object) -> str:
    for kind, style in _KINDS:
        if token in kind:  # type: ignore[operator]
            return style
    return ""


# as VS Code's editor.maxTokenizationLineLength: a longer line (a generated chunk, a data
# table on one line) is shown uncoloured, so that opening it costs no lexing of every token
LONGEST_COLOURED = 20_000


@lru_cache(maxsize=32)
def highlight(lines: tuple[str, ...]) -> tuple[Content, ...]:
    """One Content per source line; lines longer than LONGEST_COLOURED plain, the runs of
    lines between them lexed each on its own."""
    out: list[Content] = []
    start = 0
    for n, line in enumerate(lines):
        if len(line) > LONGEST_COLOURED:
            out.extend(_coloured(lines[start:n]))
            out.append(Content(line))
            start = n + 1
    out.extend(_coloured(lines[start:]))
    return tuple(out)


def _coloured(lines: tuple[str, ...]) -> list[Content]:
    if not lines:
        return []
    out: list[Content] = []
    parts: list[tuple[str, str] | str] = []
    for token, text in _lexer().get_tokens("\n".join(lines)):
        style = _style(token) if token is not Token.Text else ""
        pieces = text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                out.append(Content.assemble(*parts))
                parts = []
            if piece:
                parts.append((piece, style) if style else piece)
    out.append(Content.assemble(*parts))
    while len(out) < len(lines):
        out.append(Content(""))
    return out[:len(lines)]
