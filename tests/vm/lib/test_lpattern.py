"""vm.lib.lpattern on its own: compiled items, lazy errors, captures, and no Python recursion.

The differential tests against Lua 5.1 are in test_string.py; these pin the module's API and
its promises (a malformed piece is an error only once reached; backtracking never recurses).
"""

from __future__ import annotations

import sys

import pytest

from vm.errors import LuaError
from vm.lib.lpattern import (
    CHAR,
    END_ANCHOR,
    ERROR,
    OPEN,
    SUCCESS,
    compile_pattern,
    has_specials,
    match_at,
    search,
    split_anchor,
)


def find(subject: bytes, pattern: bytes, init: int = 0) -> tuple[int, int, list] | None:
    body, anchor = split_anchor(pattern)
    m = search(compile_pattern(body), subject, init, anchor)
    return None if m is None else (m.start, m.end, m.captures(False))


def test_items() -> None:
    kinds = [it[0] for it in compile_pattern(b"(a*)%d$").items]
    assert kinds == [OPEN, CHAR, 2, CHAR, END_ANCHOR]
    assert compile_pattern(b"").items == [(SUCCESS,)]
    assert compile_pattern(b"a$b").items[-1] == (SUCCESS,)  # '$' inside is a literal


@pytest.mark.parametrize(
    "pattern, message",
    [
        (b"x%", b"malformed pattern (ends with '%')"),
        (b"x[a", b"malformed pattern (missing ']')"),
        (b"x[a%]", b"malformed pattern (missing ']')"),
        (b"x%f", b"missing '[' after '%f' in pattern"),
        (b"x%fa", b"missing '[' after '%f' in pattern"),
        (b"x%b", b"unbalanced pattern"),
        (b"x%ba", b"unbalanced pattern"),
    ],
)
def test_malformed_pieces_fail_only_when_reached(pattern: bytes, message: bytes) -> None:
    items = compile_pattern(pattern).items
    assert items[-1] == (ERROR, message)
    assert find(b"yyy", pattern) is None  # 'x' never matches: the bad piece is never reached
    with pytest.raises(LuaError) as err:
        find(b"yxy", pattern)
    assert err.value.value == message


@pytest.mark.parametrize(
    "subject, pattern, message",
    [
        (b"abc", b"%1", b"invalid capture index"),
        (b"abc", b"(a%1)", b"invalid capture index"),
        (b"abc", b"a)", b"invalid pattern capture"),
        (b"abc", b"(a", b"unfinished capture"),
        (b"abc", b"()" * 33, b"too many captures"),
    ],
)
def test_capture_errors(subject: bytes, pattern: bytes, message: bytes) -> None:
    with pytest.raises(LuaError) as err:
        find(subject, pattern)
    assert err.value.value == message


def test_captures_and_positions() -> None:
    assert find(b"hello world", b"(o)(.-)(o)") == (4, 8, [b"o", b" w", b"o"])
    assert find(b"hello", b"()ll()") == (2, 4, [3.0, 5.0])
    m = match_at(compile_pattern(b"l+"), b"hello", 2)
    assert m is not None and m.captures() == [b"ll"] and m.captures(False) == []
    assert find(b"abcabc", b"(abc)%1") == (0, 6, [b"abc"])
    assert find(b"xx", b"()%1") is None  # a back-reference to a position capture never matches


def test_anchor_and_nul() -> None:
    assert split_anchor(b"^ab") == (b"ab", True)
    assert split_anchor(b"a\0^") == (b"a", False)
    assert split_anchor(b"\0^a") == (b"", False)
    assert has_specials(b"a.b") and not has_specials(b"abc") and not has_specials(b"ab\0.")
    assert find(b"a\0b", b"a\0x") == (0, 1, [])  # the pattern ends at its NUL, as a C string


@pytest.mark.parametrize(
    "pattern",
    [b"^(.-)$", b"^(.*)$", b"^a-$", b"^(a?)(a-)$", b"^(a)(.-)$", b"^[a]*b?$", b"^(a*)(a*)$", b"a+$"],
)
def test_long_subjects_do_not_recurse(pattern: bytes) -> None:
    # far deeper than the recursion limit: a recursive matcher would fail long before the end
    subject = b"a" * max(300_000, 50 * sys.getrecursionlimit())
    found = find(subject, pattern)
    assert found is not None and found[1] == len(subject)


def test_backtracking_order_matches_lua() -> None:
    # max_expand gives back one repetition at a time; min_expand takes one more at a time
    assert find(b"aaab", b"(a*)(a*)b") == (0, 4, [b"aaa", b""])
    assert find(b"aaab", b"(a-)(a*)b") == (0, 4, [b"", b"aaa"])
    assert find(b"aaa", b"(a?)(a?)(a?)(a?)$") == (0, 3, [b"a", b"a", b"a", b""])
    assert find(b"f(a(b)c) x", b"%b()") == (1, 8, [])
    assert find(b"THE (quick) fox", b"%f[%a]%a+", 4) == (5, 10, [])
