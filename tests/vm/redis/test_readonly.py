"""Read-only tables: every way a script or a library writes to a table is refused, reads cost
nothing extra, and opening lifts the protection for a block."""

from __future__ import annotations

import pytest

from vm.errors import LuaError
from vm.redis.readonly import MESSAGE, is_readonly, opened, protect, protect_recursively
from vm.runtime.table import LuaTable


def _table() -> LuaTable:
    t = LuaTable()
    t.set_str(b"a", 1.0)
    t.set_int(1, b"x")
    return t


@pytest.mark.parametrize("write", [
    lambda t: t.set_str(b"a", 2.0),
    lambda t: t.set_str(b"new", 2.0),
    lambda t: t.set(1.0, b"y"),
    lambda t: t.set(100.0, b"y"),
    lambda t: t.set_int(2, b"y"),
    lambda t: t.set(True, 1.0),
])
def test_writes_are_refused(write) -> None:
    t = _table()
    protect(t)
    with pytest.raises(LuaError) as info:
        write(t)
    assert info.value.value == MESSAGE and info.value.runtime
    assert t.get_str(b"a") == 1.0 and t.get(1.0) == b"x"


def test_reads_and_traversal() -> None:
    t = _table()
    protect(t)
    assert t.get_str(b"a") == 1.0
    assert sorted(map(repr, t.items())) == sorted(map(repr, [(1.0, b"x"), (b"a", 1.0)]))
    assert t.next(None) is not None and t.length() == 1


def test_opened_lifts_protection_for_a_block() -> None:
    t = _table()
    protect(t)
    with opened(t):
        assert not is_readonly(t)
        t.set_str(b"KEYS", b"v")
        for i in range(50):  # rehashes too
            t.set_str(b"k%d" % i, float(i))
    assert is_readonly(t) and t.get_str(b"KEYS") == b"v" and t.get_str(b"k49") == 49.0


def test_recursive_protection_and_cycles() -> None:
    g = LuaTable()
    inner = LuaTable()
    mt = LuaTable()
    g.set_str(b"lib", inner)
    g.set_str(b"_G", g)
    inner.metatable = mt
    protect_recursively(g)
    assert is_readonly(g) and is_readonly(inner) and is_readonly(mt)
