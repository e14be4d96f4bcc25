"""A Lua pattern run by Python's ``re`` where the result is provably the one lstrlib gives.

Why: the item matcher (``vm.lib.lpattern``) spends a Python step per subject byte; ``re`` runs the
same search in C. Both are backtracking matchers that try alternatives depth first in one order:
a single-character class with ``*``/``+`` tries the longest run first and gives back one byte at a
time (``*``/``+`` in ``re``), ``-`` the shortest first (``*?``), ``?`` the byte first (``?``);
captures nest the same way (``(``/``)``, a position capture is an empty group); a search tries
every start from left to right. Lua patterns have no alternation, so the tree of attempts is the
same and the first success is the same match with the same captures.

Only what maps exactly is translated: ``$`` at the end is ``\\Z`` (``re``'s ``$`` would also match
before a final newline); ``%f[set]`` is a pair of lookarounds when ``\\0`` is outside the set (5.1
sees ``\\0`` before the subject and after it; lookarounds see nothing there). Anything else
(``%b``, back-references, a malformed piece, captures that do not pair up, more than
LUA_MAXCAPTURES) stays with the item matcher, which raises 5.1's errors where 5.1 raises them.

Limits: one ``re`` call cannot be interrupted by the run's deadline or Ctrl-C (the item matcher
polls every 4,096 failures). So a call goes to ``re`` only when a bound of its work is small
(``WORK``, a few milliseconds of C): the product of the runs each backtracking quantifier can
give back, times the path length, times the number of starts a search can try. A run is bounded
by the subject's longest run of that class (``max_run``, computed once per long subject and class).
A ``*`` or ``+`` whose class cannot match what must come next never gives back usefully: it
becomes possessive (``*+``, ``++``), so it adds its run to the path instead of multiplying.
"""

from __future__ import annotations

import re

from vm.lib import lpattern as lp

WORK = 1 << 22  # the most steps (bound) a single re call may take
CACHED = 1024  # the longest runs of subjects longer than this are remembered
SMALL = 64  # subjects this short bound every run by their length (no max_run scan)

_EMPTY = b"(?!)"


def _set(table: bytes) -> bytes:
    """A class's 256-entry table as a regex character set."""
    members = [c for c in range(256) if table[c]]
    if not members:
        return _EMPTY
    if len(members) == 256:
        return rb"[\x00-\xff]"
    out = bytearray(b"[")
    i = 0
    while i < len(members):  # ranges of consecutive bytes, each end escaped
        j = i
        while j + 1 < len(members) and members[j + 1] == members[j] + 1:
            j += 1
        out += re.escape(bytes([members[i]]))
        if j > i:
            out += b"-" + re.escape(bytes([members[j]]))
        i = j + 1
    out += b"]"
    return bytes(out)


def _next_consumer(items: list, i: int) -> tuple:
    """The first item after i that is not a capture bracket."""
    i += 1
    while items[i][0] in (lp.OPEN, lp.CLOSE):
        i += 1
    return items[i]


def _gives_back_nothing(items: list, i: int) -> bool:
    """Whether a ``*``/``+`` at i never finds a match by giving a byte back: what follows is the
    end of the pattern, ``$`` (a shorter run leaves one of its bytes, not the end), or a byte that
    the class cannot hold."""
    nxt = _next_consumer(items, i)
    if nxt[0] in (lp.SUCCESS, lp.END_ANCHOR):
        return True
    if nxt[0] == lp.CHAR and nxt[2] in (0, 43):
        mine = items[i][1]
        theirs = nxt[1]
        return not any(mine[c] and theirs[c] for c in range(256))
    return False


class Translated:
    """A pattern's regex and what bounds its work: per quantified class, its table and whether
    it multiplies (backtracks) or adds (possessive, ``-`` without need to give back)."""

    __slots__ = ("rx", "runs", "steps", "tail_sure", "ncaps", "positions", "fast", "fast_anchored")

    def __init__(self, rx: re.Pattern[bytes], runs: list[tuple[bytes, int]], steps: int,
                 tail_sure: bool, positions: frozenset) -> None:
        self.rx = rx
        self.ncaps = rx.groups
        self.positions = positions  # the capture indexes (0-based) that are positions
        self.runs = runs  # (table, factor kind): 0 adds its run, 1 multiplies by run + 1, 2 by 2
        self.steps = steps  # items on the path
        self.tail_sure = tail_sure  # after the first item nothing can fail
        self.fast = self.within(False)  # rests this long are within WORK, unanchored
        self.fast_anchored = self.within(True)

    def work(self, src: bytes, init: int, anchored: bool) -> int:
        """A bound of the steps re takes to search src from init (or match there, anchored)."""
        m = len(src) - init + 1
        big = m > SMALL
        return self.bound(m, anchored, [max_run(src, t) if big else m for t, _ in self.runs])

    def bound(self, m: int, anchored: bool, runs: list[int]) -> int:
        """The bound for m starts (the bytes left plus one), each run at most as given."""
        path = self.steps
        mult = 1
        for (_, kind), r in zip(self.runs, runs, strict=True):
            if kind == 0:
                path += r
            elif kind == 1:
                path += r
                mult *= r + 1
            else:
                path += 1
                mult *= 2
        per_start = path * mult
        if anchored:
            return per_start
        if self.tail_sure:
            return m + per_start
        return m * per_start

    def within(self, anchored: bool) -> int:
        """The longest rest of a subject whose bound, every run as long as the rest, is within
        WORK: shorter ones need no look at their runs."""
        lo, hi = 0, 1 << 40
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.bound(mid + 1, anchored, [mid + 1] * len(self.runs)) <= WORK:
                lo = mid
            else:
                hi = mid - 1
        return lo


def translate(pat: lp.Pattern) -> Translated | None:
    """The regex that runs ``pat`` exactly as the item matcher does, or None."""
    items = pat.items
    if pat.ncaps > lp.LUA_MAXCAPTURES:
        return None
    out = bytearray()
    runs: list[tuple[bytes, int]] = []
    positions = set()
    ncap = 0
    depth = 0
    for i, item in enumerate(items):
        kind = item[0]
        if kind == lp.CHAR:
            table, q = item[1], item[2]
            out += _set(table)
            if q == 42 or q == 43:
                sure = _gives_back_nothing(items, i)
                out += (b"*" if q == 42 else b"+") + (b"+" if sure else b"")
                runs.append((table, 0 if sure else 1))
            elif q == 45:
                out += b"*?"
                runs.append((table, 1))
            elif q == 63:
                out += b"?"
                runs.append((table, 2))
        elif kind == lp.OPEN:
            ncap += 1
            if item[1] == lp.CAP_POSITION:
                out += b"()"
                positions.add(ncap - 1)
            else:
                out += b"("
                depth += 1
        elif kind == lp.CLOSE:
            if depth == 0:
                return None
            out += b")"
            depth -= 1
        elif kind == lp.END_ANCHOR:
            out += rb"\Z"
        elif kind == lp.FRONTIER:
            table = item[1]
            if table[0]:
                return None
            members = _set(table)
            out += _EMPTY if members == _EMPTY else b"(?<!%s)(?=%s)" % (members, members)
        elif kind == lp.SUCCESS:
            pass
        else:  # %b, back-references, malformed pieces
            return None
    if depth:
        return None
    try:
        rx = re.compile(bytes(out))
    except re.error:  # not expected: the item matcher decides then
        return None
    first = 0
    while items[first][0] == lp.OPEN:
        first += 1
    tail_sure = items[first][0] == lp.CHAR and all(
        it[0] in (lp.OPEN, lp.CLOSE, lp.SUCCESS) or (it[0] == lp.CHAR and it[2] in (42, 45, 63))
        for it in items[first + 1:]
    )
    return Translated(rx, runs, len(items), tail_sure, frozenset(positions))


def translated(pat: lp.Pattern) -> Translated | None:
    """The pattern's translation, made once."""
    tr = pat.tr
    if tr is False:
        tr = pat.tr = translate(pat)
    return tr


def search(pat: lp.Pattern, src: bytes, init: int, anchor: bool):
    """lpattern.search, through re when that is exact and its work is bounded."""
    tr = pat.tr
    if tr is False:
        tr = pat.tr = translate(pat)
    if tr is not None:
        rest = len(src) - init
        if rest <= (tr.fast_anchored if anchor else tr.fast) or tr.work(src, init, anchor) <= WORK:
            rx = tr.rx
            m = rx.match(src, init) if anchor else rx.search(src, init)
            return None if m is None else RxMatch(src, m, tr.ncaps, tr.positions)
    return lp.search(pat, src, init, anchor)


_RUNS: dict[tuple[bytes, bytes], int] = {}
_RUN_RX: dict[bytes, re.Pattern[bytes]] = {}


def max_run(src: bytes, table: bytes) -> int:
    """The longest run of bytes of the class in src (cached for the last few subjects)."""
    key = (src, table)
    r = _RUNS.get(key)
    if r is None:
        rx = _RUN_RX.get(table)
        if rx is None:
            members = _set(table)
            rx = _RUN_RX[table] = re.compile(members + b"+" if members != _EMPTY else _EMPTY)
        r = max(map(len, rx.findall(src)), default=0)
        if len(src) > CACHED:  # a long subject is searched again and again (gmatch, gsub)
            if len(_RUNS) >= 64:
                _RUNS.clear()
            _RUNS[key] = r
    return r


class RxMatch:
    """A match found by re, with lpattern.Match's reading of captures."""

    __slots__ = ("src", "start", "end", "level", "m", "positions")

    def __init__(self, src: bytes, m: re.Match[bytes], level: int, positions: frozenset) -> None:
        self.src = src
        self.m = m
        self.start = m.start()
        self.end = m.end()
        self.level = level
        self.positions = positions

    def capture(self, i: int) -> bytes | float:
        """push_onecapture: capture i (0-based), the whole match when there are none."""
        if i >= self.level:
            if i == 0:
                return self.src[self.start:self.end]
            raise lp.PatternError(b"invalid capture index")
        if i in self.positions:
            return float(self.m.start(i + 1) + 1)
        return self.m.group(i + 1)

    def captures(self, whole: bool = True) -> list:
        """push_captures: every capture; with none, the whole match (or nothing, for find)."""
        if self.level == 0:
            return [self.src[self.start:self.end]] if whole else []
        if not self.positions:
            return list(self.m.groups())
        return [self.capture(i) for i in range(self.level)]
