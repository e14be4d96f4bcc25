"""Lua 5.1 patterns (lstrlib.c's matcher) over bytes, with an explicit backtracking stack.

Why not Python's ``re``: Lua patterns differ in syntax (``%b``, ``%f``, ``-``, position
captures, back-references to any finished capture) and in their errors, which 5.1 raises
lazily, only when the matcher reaches the faulty piece (``("abc"):find("x[")`` is nil, not an
error). Why not a recursive port of ``match()``: a long subject with ``.-`` or ``a?a?...``
would exhaust Python's recursion limit.

How: ``compile`` turns a pattern into a list of items, each step of lstrlib's ``match()`` being
one item (a single-character class with its quantifier, a capture opening or closing, ``%b``,
``%f``, a back-reference, ``$`` at the end, the end of the pattern). A piece that 5.1 would
reject becomes an error item at the place where 5.1 would notice it, and the list stops there
(nothing after it is reachable). ``match_at`` runs the items; the points where lstrlib recurses
and then tries something else (``*``, ``+``, ``-``, ``?``) push a choice point holding what to
try next and the capture state, and a failure pops the newest one, so alternatives are tried
in the very order (and errors met in the very state) of the recursive C code.

The pattern is a C string for 5.1: it ends at its first NUL byte. Character classes follow
the C locale's ctype (bytes 128-255 belong to no class).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vm.errors import LuaError
from vm.runtime.limits import POLL_MASK, poll_running

LUA_MAXCAPTURES = 32
CAP_UNFINISHED = -1
CAP_POSITION = -2
SPECIALS = b"^$*+?.([%-"

# item kinds
CHAR = 0  # (CHAR, table, quantifier, class): one byte of a class, quantifier 0 or b"?*+-"
OPEN = 1  # (OPEN, what): what is CAP_UNFINISHED or CAP_POSITION
CLOSE = 2  # (CLOSE,)
BALANCE = 3  # (BALANCE, open byte, close byte)
FRONTIER = 4  # (FRONTIER, table)
BACKREF = 5  # (BACKREF, capture index; may be out of range: checked when reached)
END_ANCHOR = 6  # (END_ANCHOR,): '$' as the last character
SUCCESS = 7  # (SUCCESS,): end of pattern
ERROR = 8  # (ERROR, message): a malformed piece, raised when reached


def _ctype(pred) -> bytes:
    return bytes(1 if pred(c) else 0 for c in range(256))


# the C locale's ctype.h classes, as 256-entry tables
_ALPHA = _ctype(lambda c: 65 <= c <= 90 or 97 <= c <= 122)
_DIGIT = _ctype(lambda c: 48 <= c <= 57)
_LOWER = _ctype(lambda c: 97 <= c <= 122)
_UPPER = _ctype(lambda c: 65 <= c <= 90)
_SPACE = _ctype(lambda c: 9 <= c <= 13 or c == 32)
_CNTRL = _ctype(lambda c: c < 32 or c == 127)
_PUNCT = _ctype(lambda c: 33 <= c <= 126 and not (_ALPHA[c] or _DIGIT[c]))
_ALNUM = _ctype(lambda c: _ALPHA[c] or _DIGIT[c])
_XDIGIT = _ctype(lambda c: _DIGIT[c] or 65 <= c <= 70 or 97 <= c <= 102)
_ZERO = _ctype(lambda c: c == 0)

_CLASSES = {
    ord("a"): _ALPHA, ord("c"): _CNTRL, ord("d"): _DIGIT, ord("l"): _LOWER, ord("p"): _PUNCT,
    ord("s"): _SPACE, ord("u"): _UPPER, ord("w"): _ALNUM, ord("x"): _XDIGIT, ord("z"): _ZERO,
}


def is_digit(c: int) -> bool:
    return 48 <= c <= 57


def class_table(cl: int) -> bytes:
    """match_class: the bytes that ``%`` followed by ``cl`` matches (upper case: complement;
    any other character stands for itself)."""
    table = _CLASSES.get(cl | 0x20 if 65 <= cl <= 90 else cl)
    if table is None:
        return bytes(1 if c == cl else 0 for c in range(256))
    if 65 <= cl <= 90:
        return bytes(1 - v for v in table)
    return table


class PatternError(LuaError):
    """A malformed pattern or a bad capture reference (raised as luaL_error does)."""

    def __init__(self, msg: bytes) -> None:
        super().__init__(msg, positioned=False)


def _at(p: bytes, i: int) -> int:
    """The pattern byte at i, or 0 past its end (the C string's terminator)."""
    return p[i] if i < len(p) else 0


def _classend(p: bytes, i: int) -> int:
    """classend: the index just after the single-character class at i; raises when malformed."""
    c = _at(p, i)
    i += 1
    if c == 37:  # '%'
        if i >= len(p):
            raise PatternError(b"malformed pattern (ends with '%')")
        return i + 1
    if c == 91:  # '['
        if _at(p, i) == 94:  # '^'
            i += 1
        while True:  # look for a ']'
            if i >= len(p):
                raise PatternError(b"malformed pattern (missing ']')")
            c = p[i]
            i += 1
            if c == 37 and i < len(p):
                i += 1  # skip escapes (e.g. '%]')
            if _at(p, i) == 93:
                return i + 1
    return i


def _bracket_has(c: int, p: bytes, i: int, ec: int) -> bool:
    """matchbracketclass: whether byte c is in the set ``p[i]=='['`` .. ``p[ec]==']'``."""
    sig = True
    if p[i + 1] == 94:  # '^'
        sig = False
        i += 1
    i += 1
    while i < ec:
        ch = p[i]
        if ch == 37:  # '%'
            i += 1
            if class_table(p[i])[c]:
                return sig
        elif p[i + 1] == 45 and i + 2 < ec:  # a range 'x-y'
            if ch <= c <= p[i + 2]:
                return sig
            i += 2
        elif ch == c:
            return sig
        i += 1
    return not sig


@lru_cache(maxsize=512)
def single_table(cls: bytes) -> bytes:
    """singlematch for every byte: the 256-entry table of one class (``.``, ``%x``, ``[...]``
    or a literal byte)."""
    c0 = cls[0]
    if c0 == 46:  # '.'
        return b"\x01" * 256
    if c0 == 37:
        return class_table(cls[1])
    if c0 == 91:
        ec = len(cls) - 1
        return bytes(1 if _bracket_has(c, cls, 0, ec) else 0 for c in range(256))
    return bytes(1 if c == c0 else 0 for c in range(256))


class CharClass:
    """A class's table and, made when first needed, a regex that skips runs of its bytes."""

    __slots__ = ("table", "_run", "_seek")

    def __init__(self, table: bytes) -> None:
        self.table = table
        self._run: re.Pattern[bytes] | None = None
        self._seek: re.Pattern[bytes] | None = None

    def _members(self) -> bytes:
        return b"".join(re.escape(bytes([c])) for c in range(256) if self.table[c])

    def run(self, src: bytes, s: int) -> int:
        """How many bytes from s on belong to the class (max_expand's count)."""
        rx = self._run
        if rx is None:
            members = self._members()
            rx = self._run = re.compile(b"[%s]*+" % members if members else b"")
        return rx.match(src, s).end() - s  # type: ignore[union-attr]

    def seek(self, src: bytes, s: int) -> int:
        """The first index >= s holding a byte of the class, or -1."""
        rx = self._seek
        if rx is None:
            members = self._members()
            rx = self._seek = re.compile(b"[%s]" % members if members else b"(?!)")
        m = rx.search(src, s)
        return -1 if m is None else m.start()


class Pattern:
    """A compiled pattern: its items and, when its first item (after the captures it opens)
    must consume a byte of a class (no quantifier, ``+``, the opening byte of ``%b``), that
    class, so searches can skip starts that cannot match."""

    __slots__ = ("items", "first", "ncaps", "tr")

    def __init__(self, items: list[tuple]) -> None:
        self.items = items
        self.tr: Any = False  # vm.lib.pattern_re's translation: False until it is tried
        self.ncaps = sum(1 for it in items if it[0] == OPEN)
        i = 0
        if self.ncaps <= LUA_MAXCAPTURES:  # else the opening itself fails, at any start
            while items[i][0] == OPEN:  # captures opened first consume nothing
                i += 1
        head = items[i]
        self.first: CharClass | None = None
        if head[0] == CHAR and head[2] in (0, 43):
            self.first = head[3]
        elif head[0] == BALANCE:  # %bxy starts with an x
            self.first = CharClass(bytes(1 if c == head[1] else 0 for c in range(256)))


@lru_cache(maxsize=256)
def compile_pattern(pattern: bytes) -> Pattern:
    """The items of a pattern (already cut at its first NUL, its '^' anchor removed)."""
    p = pattern
    n = len(p)
    items: list[tuple] = []
    i = 0
    while True:
        c = _at(p, i)
        if i >= n:
            items.append((SUCCESS,))
            break
        if c == 40:  # '('
            if _at(p, i + 1) == 41:
                items.append((OPEN, CAP_POSITION))
                i += 2
            else:
                items.append((OPEN, CAP_UNFINISHED))
                i += 1
            continue
        if c == 41:  # ')'
            items.append((CLOSE,))
            i += 1
            continue
        if c == 36 and i + 1 == n:  # '$' at the end
            items.append((END_ANCHOR,))
            break
        if c == 37:  # '%'
            d = _at(p, i + 1)
            if d == 98:  # 'b'
                if _at(p, i + 2) == 0 or _at(p, i + 3) == 0:
                    items.append((ERROR, b"unbalanced pattern"))
                    break
                items.append((BALANCE, p[i + 2], p[i + 3]))
                i += 4
                continue
            if d == 102:  # 'f'
                i += 2
                if _at(p, i) != 91:
                    items.append((ERROR, b"missing '[' after '%f' in pattern"))
                    break
                try:
                    ep = _classend(p, i)
                except PatternError as err:
                    items.append((ERROR, err.value))
                    break
                items.append((FRONTIER, single_table(p[i:ep])))
                i = ep
                continue
            if is_digit(d):
                items.append((BACKREF, d - 49))
                i += 2
                continue
        try:
            ep = _classend(p, i)
        except PatternError as err:
            items.append((ERROR, err.value))
            break
        cls = CharClass(single_table(p[i:ep]))
        q = _at(p, ep)
        if q in (63, 42, 43, 45):  # '?' '*' '+' '-'
            items.append((CHAR, cls.table, q, cls))
            i = ep + 1
        else:
            items.append((CHAR, cls.table, 0, cls))
            i = ep
    return Pattern(items)


def split_anchor(pattern: bytes) -> tuple[bytes, bool]:
    """The pattern as the C string 5.1 sees (cut at the first NUL), and whether it starts with
    '^' (find, match and gsub anchor it; gmatch does not)."""
    nul = pattern.find(b"\0")
    if nul >= 0:
        pattern = pattern[:nul]
    if pattern[:1] == b"^":
        return pattern[1:], True
    return pattern, False


def c_string(pattern: bytes) -> bytes:
    """The pattern up to its first NUL."""
    nul = pattern.find(b"\0")
    return pattern if nul < 0 else pattern[:nul]


def has_specials(pattern: bytes) -> bool:
    """strpbrk(p, SPECIALS): whether find must use the matcher rather than a plain search."""
    p = c_string(pattern)
    return len(p.translate(None, SPECIALS)) != len(p)


class Match:
    """A successful match: its span and its captures (lstrlib's MatchState after match())."""

    __slots__ = ("src", "start", "end", "level", "init", "len")

    def __init__(self, src: bytes, start: int, end: int, level: int, init: list[int],
                 lens: list[int]) -> None:
        self.src = src
        self.start = start
        self.end = end
        self.level = level
        self.init = init
        self.len = lens

    def capture(self, i: int) -> bytes | float:
        """push_onecapture: capture i (0-based), the whole match when there are none."""
        if i >= self.level:
            if i == 0:
                return self.src[self.start:self.end]
            raise PatternError(b"invalid capture index")
        n = self.len[i]
        if n == CAP_UNFINISHED:
            raise PatternError(b"unfinished capture")
        if n == CAP_POSITION:
            return float(self.init[i] + 1)
        start = self.init[i]
        return self.src[start:start + n]

    def captures(self, whole: bool = True) -> list:
        """push_captures: every capture; with none, the whole match (or nothing, for find)."""
        n = 1 if self.level == 0 and whole else self.level
        return [self.capture(i) for i in range(n)]


_NO_CAPTURES: list[int] = []


def match_at(pat: Pattern, src: bytes, s: int) -> Match | None:
    """match(ms, s, p) from the pattern's start: the match beginning at s, or None."""
    items = pat.items
    n = len(src)
    if pat.ncaps:
        cinit = [0] * LUA_MAXCAPTURES
        clen = [0] * LUA_MAXCAPTURES
    else:  # never written: without '(' the capture level stays 0
        cinit = clen = _NO_CAPTURES
    level = 0
    start = s
    # choice points: [kind, next item, subject position, count, level, saved lengths]
    stack: list[list] = []
    pi = 0
    fails = 0  # backtracking can take exponential time: the limits are polled as it goes
    while True:
        item = items[pi]
        kind = item[0]
        ok = True
        if kind == CHAR:
            table = item[1]
            q = item[2]
            if q == 0:
                if s < n and table[src[s]]:
                    s += 1
                    pi += 1
                    continue
                ok = False
            elif q == 42 or q == 43:  # '*' '+': max_expand
                if q == 43:
                    if not (s < n and table[src[s]]):
                        ok = False
                    else:
                        s += 1
                if ok:
                    count = item[3].run(src, s)
                    if count:
                        stack.append([42, pi + 1, s, count - 1, level, clen[:level]])
                    s += count
                    pi += 1
                    continue
            elif q == 45:  # '-': min_expand
                stack.append([45, pi, s, 0, level, clen[:level]])
                pi += 1
                continue
            else:  # '?'
                if s < n and table[src[s]]:
                    stack.append([63, pi + 1, s, 0, level, clen[:level]])
                    s += 1
                pi += 1
                continue
        elif kind == OPEN:
            if level >= LUA_MAXCAPTURES:
                raise PatternError(b"too many captures")
            cinit[level] = s
            clen[level] = item[1]
            level += 1
            pi += 1
            continue
        elif kind == CLOSE:
            lv = level - 1
            while lv >= 0 and clen[lv] != CAP_UNFINISHED:
                lv -= 1
            if lv < 0:
                raise PatternError(b"invalid pattern capture")
            clen[lv] = s - cinit[lv]
            pi += 1
            continue
        elif kind == SUCCESS:
            return Match(src, start, s, level, cinit, clen)
        elif kind == END_ANCHOR:
            if s == n:
                return Match(src, start, s, level, cinit, clen)
            ok = False
        elif kind == BALANCE:
            b = item[1]
            if s < n and src[s] == b:
                e = item[2]
                depth = 1
                j = s + 1
                ok = False
                while j < n:
                    ch = src[j]
                    if ch == e:
                        depth -= 1
                        if depth == 0:
                            ok = True
                            break
                    elif ch == b:
                        depth += 1
                    j += 1
                if ok:
                    s = j + 1
                    pi += 1
                    continue
            else:
                ok = False
        elif kind == FRONTIER:
            table = item[1]
            prev = src[s - 1] if s > 0 else 0
            cur = src[s] if s < n else 0
            if table[prev] or not table[cur]:
                ok = False
            else:
                pi += 1
                continue
        elif kind == BACKREF:
            lv = item[1]
            if lv < 0 or lv >= level or clen[lv] == CAP_UNFINISHED:
                raise PatternError(b"invalid capture index")
            length = clen[lv]
            if length >= 0 and n - s >= length:
                c0 = cinit[lv]
                if src[c0:c0 + length] == src[s:s + length]:
                    s += length
                    pi += 1
                    continue
            ok = False
        else:  # ERROR
            raise PatternError(item[1])
        # failure: resume the newest choice point, with the captures it saw
        fails += 1
        if not fails & POLL_MASK:
            poll_running()
        while True:
            if not stack:
                return None
            cp = stack[-1]
            ck = cp[0]
            if ck == 42:  # max_expand: one repetition fewer
                count = cp[3]
                if count:
                    cp[3] = count - 1
                else:
                    stack.pop()
                s = cp[2] + count
                pi = cp[1]
            elif ck == 45:  # min_expand: one repetition more, if the class allows
                at = cp[2]
                it = items[cp[1]]
                if at < n and it[1][src[at]]:
                    cp[2] = at + 1
                    s = at + 1
                    pi = cp[1] + 1
                else:
                    stack.pop()
                    continue
            else:  # '?': without the optional byte
                stack.pop()
                s = cp[2]
                pi = cp[1]
            level = cp[4]
            clen[:level] = cp[5]
            break


def search(pat: Pattern, src: bytes, init: int, anchor: bool) -> Match | None:
    """str_find_aux's loop: the first match starting at init or later (only at init when
    anchored)."""
    if anchor:
        return match_at(pat, src, init)
    n = len(src)
    first = pat.first
    s = init
    while s <= n:
        if first is not None:
            s = first.seek(src, s)
            if s < 0:
                return None
        m = match_at(pat, src, s)
        if m is not None:
            return m
        s += 1
        if not s & POLL_MASK:
            poll_running()
    return None
