"""The whole chunk cut into tokens at once, for the parser: llex.c's tokens as parallel lists.

Scanning token by token in Python costs more than the rest of the compiler's work on a token,
so for a chunk held in memory the cutting is done by one regular expression (``findall``, in C)
and the lists are made with C-level maps: each token's kind and value (from a cache per
distinct token text), its mark (llex.c's lastline when it becomes current) and the line its
scan ends on (llex.c's linenumber while it is current).

Every alternative of the expression consumes at least one byte and none rescans: the time is
linear in the chunk's size, whatever it holds. Anything that llex.c would refuse or read in a
way the expression does not (an unfinished string or long bracket, a malformed number, a bad
escape, a nested ``[[``) becomes a SLOW token: the parser rescans from there with the lexer
(lexer.py), which raises llex.c's error when the parser gets there, and not before, as llex.c
is lazy. Chunks holding a carriage return or a NUL byte (whose quirks the expression does not
model) and chunks that arrive in pieces are scanned by the lexer alone.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import add

from vm.compiler.lexer import EOS, NAME, NUMBER, RESERVED, STRING, str2number

SLOW = "<slow>"  # the lexer must scan this token (and says what is wrong with it)
_VALUED = frozenset((NAME, NUMBER, STRING))

_BLANK = rb"[ \t\v\f\n]*+"  # possessive, as every loop here: nothing is given back
_LONG0_BODY = rb"(?:[^\]\[]+|\](?!\])|\[(?!\[))*+"  # [[ ... ]]: no ]] inside, no nested [[
_LEVELS = range(1, 5)  # long brackets with 1 to 4 '=' here; more are scanned by the lexer


def _long(level: int, complete: bool) -> bytes:
    eq = b"=" * level
    body = rb"(?:[^\]]+|\](?!" + eq + rb"\]))*+"
    closer = rb"\]" + eq + rb"\]"
    return rb"\[" + eq + rb"\[" + body + (closer if complete else rb"(?:" + closer + rb")?")


_TOKENS = re.compile(
    # white space and comments: long comments only when complete (else the -- is SLOW)
    rb"(" + _BLANK + rb"(?:--(?:(?!\[=*\[)[^\n]*+|\[\[" + _LONG0_BODY + rb"\]\]|"
    + rb"|".join(_long(level, True) for level in _LEVELS) + rb")" + _BLANK + rb")*+)"
    rb"("
    rb"[A-Za-z_][A-Za-z0-9_]*"  # a name or a reserved word
    rb"|[(){}\];:,+*/%^#]"
    rb"|\.?[0-9][0-9.]*(?:[Ee][+\-]?)?[A-Za-z0-9_]*"  # read_numeral's text
    rb"|[=<>~]=?|\.(?:\.\.?)?"
    rb'|"(?:[^"\\\n]+|\\[\s\S])*+"?'  # a short string (unfinished: no closing quote)
    rb"|'(?:[^'\\\n]+|\\[\s\S])*+'?"
    # long strings (unfinished: no closing bracket)
    rb"|\[\[" + _LONG0_BODY + rb"(?:\]\])?|" + rb"|".join(_long(level, False) for level in _LEVELS)
    + rb"|--|\[=*"  # what the lexer must scan: a long comment not ended, [= or [==...
    rb"|[\s\S]"  # any other byte is a token of one character
    rb"|\Z"  # the end
    rb")")

_FIXED: dict[bytes, str] = {w.encode(): w for w in RESERVED}
_FIXED.update({op.encode(): op for op in ("...", "..", "==", "<=", ">=", "~=")})
_FIXED[b""] = EOS
_ESCAPE = re.compile(rb"\\(?:([0-9]{1,3})|([\s\S]))")
_ESCAPES = {b"a": b"\a", b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t",
            b"v": b"\v", b"\n": b"\n"}


def _unescape(body: bytes) -> bytes | None:
    """read_string's escapes (None when one is too large: the lexer reports it)."""
    bad = False

    def one(m: re.Match) -> bytes:
        nonlocal bad
        digits, char = m.groups()
        if digits is not None:
            value = int(digits)
            if value > 255:
                bad = True
                return b""
            return bytes((value,))
        return _ESCAPES.get(char, char)

    out = _ESCAPE.sub(one, body)
    return None if bad else out


def _classify(text: bytes) -> tuple[str, object]:
    """The kind and value of a token text that is not a reserved word or a fixed symbol."""
    c = text[0]
    if c == 95 or 65 <= c <= 90 or 97 <= c <= 122:
        return NAME, text
    if 48 <= c <= 57 or (c == 46 and len(text) > 1):
        value = str2number(text)
        return (SLOW, None) if value is None else (NUMBER, value)
    if c == 34 or c == 39:
        body = text[1:-1]
        if len(text) < 2 or text[-1] != c or (len(body) - len(body.rstrip(b"\\"))) % 2:
            return SLOW, None  # unfinished (the last quote, if any, is escaped)
        value = _unescape(body) if b"\\" in body else body
        return (SLOW, None) if value is None else (STRING, value)
    if c == 91 and len(text) > 1:  # [[, [=[, or [= [== ...
        eq = text.find(b"[", 1) - 1
        if eq < 0:
            return SLOW, None  # an invalid long string delimiter, or one of many '='s
        closer = b"]" + b"=" * eq + b"]"
        if len(text) < 2 * eq + 4 or not text.endswith(closer):
            return SLOW, None  # unfinished, or a nested [[
        body = text[eq + 2:-eq - 2]
        return STRING, body[1:] if body[:1] == b"\n" else body
    if text == b"--":
        return SLOW, None  # a long comment that does not end (or nests [[)
    return chr(c), None


class _KindOf(dict):
    """Token text -> kind, worked out the first time a text is met (``__missing__``, called from
    C by the map over the texts: no pass to gather the distinct texts first). A string's or
    number's value goes to ``conv``, the line breaks inside a token (a long string) to
    ``multiline``. Reserved words and symbols are in it from the start."""

    __slots__ = ("conv", "multiline")

    def __missing__(self, text: bytes) -> str:
        if _NAME_START[text[0]]:  # a name (the commonest), without _classify's call
            self[text] = NAME
            return NAME
        kind, value = _classify(text)
        if kind is STRING or kind is NUMBER:
            self.conv[text] = value
        if b"\n" in text:
            self.multiline[text] = text.count(b"\n")
        self[text] = kind
        return kind


class _Breaks(dict):
    """White space -> the line breaks in it, worked out the first time it is met."""

    __slots__ = ()

    def __missing__(self, space: bytes) -> int:
        n = self[space] = space.count(b"\n")
        return n


_NAME_START = tuple(c == 95 or 65 <= c <= 90 or 97 <= c <= 122 for c in range(256))
# the texts whose kind is known before any chunk: reserved words, symbols, the end
_KNOWN: dict[bytes, str] = dict(_FIXED)
_KNOWN.update((bytes((c,)), _classify(bytes((c,)))[0]) for c in b"(){}[];:,+-*/%^#=<>~.")


class Tokens:
    """The tokens of a chunk: ``kinds[i]``, ``texts[i]`` (its source text), ``conv`` (the value of
    each string's and number's text: a name's value is its text), ``values`` (the values in a
    list, for tests),
    ``pos(i)`` (where its scan begins: the end of the token before it) and ``marks[i]`` (llex.c's
    lastline when it becomes current: the line where the scan of the token before it ended);
    ``marks`` has one more entry, so that ``marks[i + 1]`` is the line where token i's scan
    ended. The last token is ``<eof>``."""

    __slots__ = ("kinds", "conv", "marks", "texts", "spaces", "first_slow")

    def __init__(self, kinds: list[str], conv: dict[bytes, object], marks: list[int],
                 texts: list[bytes], spaces: list[bytes], first_slow: int) -> None:
        self.kinds = kinds
        self.first_slow = first_slow  # the first SLOW token's index (1 << 62: none)
        self.conv = conv
        self.marks = marks
        self.texts = texts
        self.spaces = spaces

    @property
    def values(self) -> list[object]:
        """Each token's value (llex.c's seminfo; None for a token without one)."""
        conv = self.conv
        return [conv.get(text, text) if kind in _VALUED else None
                for kind, text in zip(self.kinds, self.texts, strict=True)]

    def text(self, i: int) -> bytes:
        return self.texts[i]

    def pos(self, i: int) -> int:
        """Where token i's scan begins (worked out when asked: only the lexer needs it)."""
        return sum(map(len, self.spaces[:i])) + sum(map(len, self.texts[:i]))


def tokenize(src: bytes) -> Tokens | None:
    """The tokens of src, or None when the lexer must scan it (a carriage return or a NUL in
    it)."""
    if b"\r" in src or b"\0" in src:
        return None
    # split, not findall: one flat list (the empty text before each match, its white space, its
    # token), cut into the white spaces and the tokens by slices, with no tuple per token
    parts = _TOKENS.split(src)
    spaces = parts[1::3]
    texts = parts[2::3]
    if len(texts) > 1 and texts[-2] == b"":  # white space at the end: \Z matched twice
        texts.pop()
        spaces.pop()
    # a token's kind and value depend on its text only, the line breaks before it on its white
    # space: work them out once per distinct text and white space (the first time each is
    # met), map the lists in C
    # (the parser reads a name's value from texts, and looks a string's or number's up in conv)
    kind_of = _KindOf(_KNOWN)
    conv: dict[bytes, object] = {}
    multiline: dict[bytes, int] = {}
    kind_of.conv = conv
    kind_of.multiline = multiline
    kinds = list(map(kind_of.__getitem__, texts))
    steps = map(_Breaks().__getitem__, spaces)  # the line breaks up to the end of each token
    if multiline:
        steps = map(add, steps, map(multiline.get, texts, repeat(0)))
    marks = list(accumulate(steps, initial=1))
    first_slow = kinds.index(SLOW) if SLOW in kind_of.values() else 1 << 62
    return Tokens(kinds, conv, marks, texts, spaces, first_slow)
