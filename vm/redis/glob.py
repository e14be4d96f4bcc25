"""Redis's glob-style pattern matching (util.c's stringmatchlen), as KEYS, SCAN MATCH and
FUNCTION LIST LIBRARYNAME use it: ``*``, ``?``, ``[abc]``, ``[^a-z]``, ``\\x``; ``nocase``
folds ASCII letters only (C's tolower).

Redis recurses once per ``*``; this matcher backtracks to the last ``*`` only, which gives the
same answers (every other token matches exactly one byte) without Python recursion. Quirks kept:
an unterminated ``[`` runs to the end of the pattern, a range may be written backwards (``[z-a]``),
a lone trailing ``\\`` is a literal backslash, and an empty string matches no pattern but the
empty one (the loop never starts), and ranges compare bytes as C's signed chars (``[\x00-\xff]``
matches only bytes from 0x80 up and NUL).
"""

from __future__ import annotations


def _lower(c: int) -> int:
    return c + 32 if 65 <= c <= 90 else c


def _signed(c: int) -> int:
    return c - 256 if c >= 128 else c


def _at(p: bytes, i: int) -> int:
    """p[i] as C reads it from a NUL-terminated buffer."""
    return p[i] if i < len(p) else 0


def _one(p: bytes, i: int, c: int, nocase: bool) -> tuple[bool, int]:
    """Match one non-star token starting at p[i] against the byte c: (matched, next index)."""
    n = len(p)
    head = p[i]
    if head == 0x3F:  # ?
        return True, i + 1
    if head == 0x5B:  # [
        i += 1
        negate = _at(p, i) == 0x5E
        if negate:
            i += 1
        match = False
        while True:
            left = n - i
            ch = _at(p, i)
            if ch == 0x5C and left >= 2:
                i += 1
                if p[i] == c:
                    match = True
            elif ch == 0x5D:
                break
            elif left <= 0:
                i -= 1
                break
            elif left >= 3 and p[i + 1] == 0x2D:
                start, end, x = _signed(p[i]), _signed(p[i + 2]), _signed(c)  # C's char is signed
                if start > end:
                    start, end = end, start
                if nocase:
                    start, end, x = _lower(start), _lower(end), _lower(x)
                i += 2
                if start <= x <= end:
                    match = True
            elif (_lower(ch) == _lower(c)) if nocase else ch == c:
                match = True
            i += 1
        if negate:
            match = not match
        return match, i + 1
    if head == 0x5C and n - i >= 2:  # \x
        i += 1
    ch = p[i]
    return ((_lower(ch) == _lower(c)) if nocase else ch == c), i + 1


def string_match(pattern: bytes, string: bytes, nocase: bool = False) -> bool:
    """stringmatchlen(pattern, string, nocase)."""
    p, s = pattern, string
    pi = si = 0
    star_p = -1  # the pattern index after the last '*' seen, and where its match started
    star_s = 0
    n = len(p)
    while si < len(s):
        if pi < n and p[pi] == 0x2A:
            while pi + 1 < n and p[pi + 1] == 0x2A:
                pi += 1
            if pi == n - 1:
                return True
            pi += 1
            star_p, star_s = pi, si
            continue
        if pi < n:
            ok, nxt = _one(p, pi, s[si], nocase)
            if ok:
                pi = nxt
                si += 1
                continue
        if star_p < 0:
            return False
        star_s += 1  # the last '*' takes one more byte
        if star_s >= len(s):
            return False
        pi, si = star_p, star_s
    if not s:
        return n == 0
    while pi < n and p[pi] == 0x2A:
        pi += 1
    return pi == n
