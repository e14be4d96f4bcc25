"""What kind of completion is wanted at the cursor: a pure function of the text before it.

Kept apart from producing candidates (candidates.py) so that it can be tested on every prefix of
a statement. The text is read with the compiler's own lexer; what matters is the last tokens:
a name being typed (the prefix), and before it ``.`` (a field of a dotted path of names), ``:``
(a method), or anything else (a global, local or keyword). Inside a string or a comment, after a
number, or where a new name is being declared (``local x``, ``for k, v``, parameters), nothing
is completed. Meta-commands (``:name arg``) complete their names and then their argument by the
kind the command registry gives it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from vm.compiler.lexer import EOS, NAME, NUMBER, RESERVED, STRING, Lexer
from vm.errors import LoadError

NONE = "none"
NAME_KIND = "name"  # a global, a local of the input, or a keyword
KEYWORD = "keyword"  # only the keywords in Context.words (after `local`: `function`)
FIELD = "field"  # after path.
METHOD = "method"  # after path: (or ("literal"):)
COMMAND = "command"  # a meta-command's name
THEME = "theme"
FILE = "file"

# argument kinds a command may declare (see commands.py): Lua code or an expression completes
# as Lua, the others by their own kind
ARG_LUA = "lua"

_COMMAND_HEAD = re.compile(r"[ \t]*:([A-Za-z]*)")
_LONG_BRACKET = re.compile(rb"\[(=*)\[")


@dataclass(frozen=True, slots=True)
class Context:
    kind: str
    prefix: str = ""  # the part of a name already typed (replaced by the completion)
    path: tuple[str, ...] = ()  # field/method: the names before the last '.' or ':'
    literal: str | None = None  # method on a literal value: "string"
    declared: tuple[str, ...] = ()  # name: locals and parameters declared in the input
    words: tuple[str, ...] = ()  # keyword: the keywords that may come here


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # a lexer token: "<name>", "<string>", "<number>", a keyword or a symbol
    text: str  # names: the name
    end: int  # byte offset just after the token


def completion_context(text: str, arg_kinds: Mapping[str, str] | None = None) -> Context:
    """The completion wanted at the end of ``text``. ``arg_kinds`` maps a meta-command's name to
    the kind of its argument (ARG_LUA, THEME, FILE, COMMAND; absent: no completion)."""
    head = _COMMAND_HEAD.match(text)
    if head is not None:
        name = head.group(1)
        rest = text[head.end():]
        if not rest:
            return Context(COMMAND, name)
        if not rest[0].isspace():
            return Context(NONE)
        kind = (arg_kinds or {}).get(name)
        if kind == ARG_LUA:
            return _lua_context(rest)
        arg = rest.lstrip()
        if kind == FILE:
            return Context(FILE, arg)
        if kind in (THEME, COMMAND) and not any(c.isspace() for c in arg):
            return Context(kind, arg)  # one word only
        return Context(NONE)
    if text.startswith("="):
        text = text[1:]
    return _lua_context(text)


def _lua_context(text: str) -> Context:
    src = text.encode("utf-8", "surrogateescape")
    tokens = _tokens(src)
    if tokens is None:
        return Context(NONE)  # in an unfinished string or long comment, or not Lua at all
    last_end = tokens[-1].end if tokens else 0
    if _in_comment(src[last_end:]):
        return Context(NONE)
    prefix = ""
    if tokens and last_end == len(src):
        last = tokens[-1]
        if last.kind == NAME or last.kind in RESERVED:
            prefix = last.text
            tokens = tokens[:-1]
        elif last.kind in (NUMBER, STRING):
            return Context(NONE)
    if tokens and tokens[-1].kind in (".", ":"):
        return _member(tokens, prefix)
    if tokens and tokens[-1].kind == "local":
        return Context(KEYWORD, prefix, words=("function",))  # or a new name: nothing to offer
    if _declaring(tokens):
        return Context(NONE)
    return Context(NAME_KIND, prefix, declared=_declared(tokens))


def _tokens(src: bytes) -> list[_Tok] | None:
    lexer = Lexer(src, b"=stdin")
    out: list[_Tok] = []
    try:
        while True:
            token, value = lexer.scan()
            if token == EOS:
                return out
            text = value.decode("utf-8", "surrogateescape") if token == NAME else token  # type: ignore[union-attr]
            out.append(_Tok(token, text, lexer.pos))
    except LoadError:
        return None


def _in_comment(gap: bytes) -> bool:
    """Whether the text after the last token ends inside a comment (the lexer has already
    checked that long comments are closed)."""
    pos = 0
    while True:
        start = gap.find(b"--", pos)
        if start < 0:
            return False
        long = _LONG_BRACKET.match(gap, start + 2)
        if long is not None:
            close = gap.find(b"]" + long.group(1) + b"]", long.end())
            if close < 0:
                return True
            pos = close + len(long.group(1)) + 2
            continue
        newline = gap.find(b"\n", start)
        if newline < 0:
            return True
        pos = newline + 1


def _member(tokens: list[_Tok], prefix: str) -> Context:
    """After ``a.b.`` or ``a.b:``: the dotted path of names before it, or a string literal."""
    kind = FIELD if tokens[-1].kind == "." else METHOD
    i = len(tokens) - 1
    if kind == METHOD and i >= 3 and [t.kind for t in tokens[i - 3:i]] == ["(", STRING, ")"]:
        return Context(METHOD, prefix, literal="string")
    names: list[str] = []
    while i >= 1 and tokens[i - 1].kind == NAME:
        names.append(tokens[i - 1].text)
        i -= 1
        if i >= 1 and tokens[i - 1].kind == ".":
            i -= 1
            continue
        break
    if not names:
        return Context(NONE)
    if i >= 1 and tokens[i - 1].kind in (".", ":", "]", ")", STRING):
        return Context(NONE)  # the path hangs off an expression that would have to be evaluated
    return Context(kind, prefix, tuple(reversed(names)))


def _declaring(tokens: list[_Tok]) -> bool:
    """Whether the cursor is where a new name is declared: ``local a, b``, ``for k, v``,
    ``local function f``, or a function's parameter list."""
    if not tokens or tokens[-1].kind == NAME:
        return False  # after a whole name (and a space) the list is over
    i = len(tokens)
    while i > 0 and tokens[i - 1].kind in (NAME, ","):
        i -= 1  # back over the names (and commas) declared so far
    if i == 0:
        return False
    before = tokens[i - 1].kind
    if before in ("local", "for"):
        return True
    if before == "function" and i >= 2 and tokens[i - 2].kind == "local":
        return True
    if before == "(" and i >= 2:
        # a parameter list: "function (" or "function a.b:c ("
        j = i - 2
        while j >= 0 and tokens[j].kind in (NAME, ".", ":"):
            j -= 1
        return j >= 0 and tokens[j].kind == "function"
    return False


def _declared(tokens: list[_Tok]) -> tuple[str, ...]:
    """Names the input declares as locals, loop variables or parameters."""
    found: list[str] = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.kind in ("local", "for"):
            j = i + 1
            if j < n and tokens[j].kind == "function":
                j += 1
            while j < n and tokens[j].kind == NAME:
                found.append(tokens[j].text)
                if j + 1 < n and tokens[j + 1].kind == ",":
                    j += 2
                else:
                    break
        elif t.kind == "function":
            j = i + 1
            while j < n and tokens[j].kind in (NAME, ".", ":"):
                j += 1
            if j < n and tokens[j].kind == "(":
                j += 1
                while j < n and tokens[j].kind in (NAME, ","):
                    if tokens[j].kind == NAME:
                        found.append(tokens[j].text)
                    j += 1
    return tuple(dict.fromkeys(found))
