"""Lua highlighting: Pygments' Lua lexer, through prompt_toolkit."""

from __future__ import annotations

from prompt_toolkit.lexers import Lexer, PygmentsLexer


def lua_lexer() -> Lexer:
    from pygments.lexers.scripting import LuaLexer

    return PygmentsLexer(LuaLexer)
