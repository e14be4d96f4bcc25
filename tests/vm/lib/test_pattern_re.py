"""vm.lib.pattern_re: patterns run by Python's re give lstrlib's answers, and only where the
work of one re call is bounded.

Against real Lua 5.1 (lupa's lua51) on subjects long enough to take the re path with runs and
backtracking; the item matcher (itself checked against Lua 5.1 in test_string.py) is the second
reference for many random patterns, in process.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lupa import lua51  # the reference: without it these tests fail

from vm.errors import LuaError
from vm.lib import lpattern as lp
from vm.lib import pattern_re
from vm.session import Session

_PIECES = [
    "a", "b", "x", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%S", "%x", "%%", "%.", "[ab]",
    "[^a]", "[a-c]", "[%a_]", "[^%s]", "[]]", "%f[%w]", "%f[^%w]", "%f[%z]", "%f[%a%z]", "(", ")",
    "()", "*", "+", "-", "?", "$", "\n", "\0", "\255", "%u", "(.-)", "(.*)", ".-", "a*", "%b()",
    "%1", "[", "%",
]
_UNITS = [b"ab", b"a b", b"x1=y2 ", b"(a)", b"\n", b"\0", b"aaa", b"key_7 ", b"\255a", b"..."]


def _outcome(search, pat: lp.Pattern, subject: bytes, init: int, anchor: bool) -> object:
    try:
        m = search(pat, subject, init, anchor)
        return None if m is None else (m.start, m.end, m.captures(False), m.captures(True))
    except LuaError as err:
        return ("error", err.value)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(_PIECES), min_size=0, max_size=7),
    units=st.lists(st.sampled_from(_UNITS), max_size=60),
    init=st.integers(0, 40),
    anchor=st.booleans(),
)
def test_same_answers_as_the_item_matcher(pieces: list[str], units: list[bytes], init: int,
                                          anchor: bool) -> None:
    pattern = lp.c_string("".join(pieces).encode("latin-1"))
    subject = b"".join(units)
    init = min(init, len(subject))
    pat = lp.compile_pattern(pattern)
    assert _outcome(pattern_re.search, pat, subject, init, anchor) == \
        _outcome(lp.search, pat, subject, init, anchor), (pattern, subject, init, anchor)


@pytest.mark.parametrize("pattern", [
    b"%a+", b"(%w+)=(%w+)", b"^(%d+):%s*(.-)$", b'"([^"]*)"', b"[aeiou][^aeiou%s]?", b"()x()",
    b"%f[%w]%w+", b"a-b$", b"(a(b)())",
])
def test_common_patterns_take_re(pattern: bytes) -> None:
    body, anchor = lp.split_anchor(pattern)
    pat = lp.compile_pattern(body)
    assert pattern_re.translated(pat) is not None
    subject = b"12: ab=cd \"q\" xab aeb (ab)" * 20
    m = pattern_re.search(pat, subject, 0, anchor)
    assert m is None or isinstance(m, pattern_re.RxMatch)


@pytest.mark.parametrize("pattern", [b"%b()", b"(a)%1", b"x[", b"a)", b"(a", b"%f[%z]", b"()" * 33])
def test_what_re_cannot_do_stays_with_the_item_matcher(pattern: bytes) -> None:
    assert pattern_re.translated(lp.compile_pattern(pattern)) is None


def test_unbounded_work_stays_with_the_item_matcher() -> None:
    """One re call cannot be interrupted: quadratic searches over long subjects poll instead."""
    pat = lp.compile_pattern(b"(.-)x")
    tr = pattern_re.translated(pat)
    assert tr is not None
    long = b"a" * 100_000
    assert tr.work(long, 0, False) > pattern_re.WORK
    assert isinstance(pattern_re.search(pat, b"ab" * 10 + b"x", 0, False), pattern_re.RxMatch)
    found = b"a" * 3000 + b"x"
    assert tr.work(found, 0, False) > pattern_re.WORK
    assert isinstance(pattern_re.search(pat, found, 0, False), lp.Match)  # polled
    runs = lp.compile_pattern(b"(%w+)=(%w+)")  # runs bounded by the subject's longest word
    assert pattern_re.translated(runs).work(b"ab=cd " * 20_000, 0, False) <= pattern_re.WORK


_CHECK = rb"""
return function(s, p)
  local out = {}
  local function add(...) for i = 1, select('#', ...) do out[#out + 1] = tostring((select(i, ...))) end end
  add(pcall(string.find, s, p))
  add(pcall(string.find, s, p, 37))
  add(pcall(string.match, s, p, -50))
  local ok, r, n = pcall(string.gsub, s, p, "<%0|%1>")
  add(ok, ok and #r or r, n, ok and r:sub(1, 200))
  ok, r, n = pcall(string.gsub, s, p, function(a, b) return b and a end, 9)
  add(ok, ok and #r or r, n, ok and r:sub(-200))
  local k = 0
  ok, r = pcall(function()
    for a, b in string.gmatch(s, p) do
      k = k + 1
      if k < 50 then add(a, b) end
    end
  end)
  add(ok, r, k)
  return table.concat(out, "|")
end
"""

_SESSION = Session()
_OURS = _SESSION.run(_CHECK, b"=check")[0]
_REF = lua51.LuaRuntime(encoding=None).execute(_CHECK, name=b"=check")
_LONG_PIECES = [
    "%a+", "%d+", "%s*", "%w", "=", "(%w+)", "(", ")", "()", ".-", "-", "?", "+", "*", "$", "[^ ]",
    "%f[%a]", "%p", "b", "\n", "[%d=]",
]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    pieces=st.lists(st.sampled_from(_LONG_PIECES), min_size=1, max_size=4),
    units=st.lists(st.sampled_from(_UNITS), min_size=1, max_size=8),
    repeat=st.integers(1, 40),
)
def test_long_subjects_against_lua(pieces: list[str], units: list[bytes], repeat: int) -> None:
    pattern = "".join(pieces).encode("latin-1")
    subject = b"".join(units) * repeat
    tr = pattern_re.translated(lp.compile_pattern(lp.c_string(pattern)))
    # where re would not be used, both matchers may take minutes (Lua's too, in C)
    assume(tr is not None and tr.work(subject, 0, False) <= pattern_re.WORK // 16)
    assert _SESSION.call(_OURS, [subject, pattern]) == [_REF(subject, pattern)], (pattern, subject[:40])
