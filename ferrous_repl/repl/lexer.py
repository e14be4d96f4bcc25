"""Lua highlighting: Pygments' Lua lexer, through prompt_toolkit's PygmentsLexer.

Pygments' lexer modules take a noticeable part of the start-up time, so the lexer is made on
first use: the first prompt (an empty line) needs none, and ``preload`` makes it in a background
thread once that prompt is on the screen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer, PygmentsLexer


class LuaLexer(Lexer):
    def __init__(self) -> None:
        self._lexer: PygmentsLexer | None = None

    def _pygments(self) -> PygmentsLexer:
        if self._lexer is None:
            from pygments.lexers.scripting import LuaLexer as PygmentsLua

            self._lexer = PygmentsLexer(PygmentsLua)
        return self._lexer

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        if not document.text:
            return lambda lineno: []
        return self._pygments().lex_document(document)

    def preload(self) -> None:
        threading.Thread(target=self._pygments, name="lua-lexer", daemon=True).start()
