"""Redis's glob matching (vm.redis.glob) against real Redis's KEYS, which uses the same matcher:
for each pattern, the keys KEYS returns are those string_match accepts."""

from __future__ import annotations

import pytest

from tests.vm.redis.reference import RawRedis
from vm.redis.glob import string_match
from vm.redis.resp import decode

KEYS = [b"a", b"b", b"ab", b"abc", b"aXc", b"a*c", b"a?c", b"a[c", b"a]c", b"a\\c", b"A", b"hello",
        b"hallo", b"hxllo", b"heeeello", b"x-y", b"-", b"^", b"a^c", b"aac", b"\xff", b"foo.bar"]
PATTERNS = [b"a*", b"*c", b"a?c", b"a[bX]c", b"a[^X]c", b"a[a-c]c", b"a[c-a]c", b"a\\*c", b"a\\?c",
            b"a[\\]]c", b"a[", b"a[b", b"h*llo", b"h[ae]llo", b"h[^e]llo", b"h*", b"**", b"*a*",
            b"*", b"?", b"??", b"[", b"[^]", b"\\", b"a\\", b"*\\", b"[a-]", b"[-a]", b"*[", b"a*[c",
            b"x[\\-]y", b"[\\^]", b"h**o", b"*l*l*", b"\xff", b"[\x00-\xff]", b"foo.*"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_matches_keys_command(real: RawRedis, pattern: bytes) -> None:
    real.command("FLUSHDB")
    for k in KEYS:
        real.command("SET", k, "1")
    found = set(decode(real.command("KEYS", pattern)))  # type: ignore[arg-type]
    assert {k for k in KEYS if string_match(pattern, k)} == found


def test_nocase_and_empty() -> None:
    assert string_match(b"MY*", b"mylib", nocase=True)
    assert not string_match(b"MY*", b"mylib")
    assert string_match(b"[A-C]x", b"bx", nocase=True)
    assert not string_match(b"*", b"")
    assert string_match(b"", b"")


def test_long_patterns_do_not_recurse() -> None:
    assert string_match(b"*a" * 5000, b"a" * 5000)
    assert not string_match(b"*a" * 5000 + b"b", b"a" * 6000)
